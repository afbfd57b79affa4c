using System.Collections.Concurrent;

namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// The one thread that touches an instance's Wasmtime store. A store is not thread-safe, and a host import must block
/// while the (async) resolver answers it; giving each instance its own thread serialises its calls and lets that block
/// happen without starving the thread pool. Jobs run in order; disposing lets queued jobs finish, then ends the thread.
/// </summary>
internal sealed class WasmThread : IDisposable
{
    private readonly BlockingCollection<Action> _jobs = new();
    private readonly Thread _thread;
    private readonly Action? _exited;

    /// <param name="exited">Called on the thread as it ends, so its owner can count the threads still alive.</param>
    public WasmThread(string name, int stackBytes, Action? exited = null)
    {
        _exited = exited;
        _thread = new Thread(Run, stackBytes) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public bool IsCurrent => Thread.CurrentThread == _thread;

    /// <summary>Runs <paramref name="job"/> on the thread; an exception it throws faults the task.</summary>
    public Task<T> RunAsync<T>(Func<T> job)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _jobs.Add(() =>
            {
                try { completion.SetResult(job()); }
                catch (Exception e) { completion.SetException(e); }
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            completion.SetException(new ObjectDisposedException(_thread.Name, "the wasm instance was discarded"));
        }
        return completion.Task;
    }

    public void Dispose()
    {
        try { _jobs.CompleteAdding(); }
        catch (ObjectDisposedException) { }
    }

    private void Run()
    {
        try
        {
            foreach (var job in _jobs.GetConsumingEnumerable()) job();
            _jobs.Dispose();
        }
        finally
        {
            _exited?.Invoke();
        }
    }
}
