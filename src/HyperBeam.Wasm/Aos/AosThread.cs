namespace HyperBeam.Wasm.Aos;

/// <summary>
/// Runs a call into a module on a thread of its own with a stack well above the wasm stack limit: Wasmtime's guest
/// stack lives on the calling thread, and thread-pool threads are too small for a deep one.
/// </summary>
internal static class AosThread
{
    internal const int StackBytes = 16 << 20;

    public static Task<T> Run<T>(Func<T> body)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(body());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }, StackBytes) { IsBackground = true, Name = "aos-wasm" };
        thread.Start();
        return done.Task;
    }
}
