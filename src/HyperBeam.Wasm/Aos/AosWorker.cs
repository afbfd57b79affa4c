using System.Collections.Concurrent;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// One long-lived thread, with the stack <see cref="AosThread"/> gives, that runs a device's calls into its modules
/// one after another: a device runs one call at a time anyway, and starting a thread per call cost more than the call
/// itself (about 0.8 ms of a 1.2 ms message, measured by <c>hb bench compute</c>). Started on first use, ended on dispose.
/// </summary>
internal sealed class AosWorker : IDisposable
{
    private readonly BlockingCollection<Action> _work = new(new ConcurrentQueue<Action>());
    private readonly Lock _gate = new();
    private Thread? _thread;

    public Task<T> Run<T>(Func<T> body)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_work.IsAddingCompleted, this);
            _work.Add(() =>
            {
                try
                {
                    done.SetResult(body());
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            });
            if (_thread is null)
            {
                _thread = new Thread(Serve, AosThread.StackBytes) { IsBackground = true, Name = "aos-wasm" };
                _thread.Start();
            }
        }
        return done.Task;
    }

    private void Serve()
    {
        foreach (var work in _work.GetConsumingEnumerable()) work();
    }

    /// <summary>Lets queued calls finish, then the thread ends.</summary>
    public void Dispose()
    {
        lock (_gate) _work.CompleteAdding();
    }
}
