using System.Collections.Concurrent;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// One long-lived thread, with the stack <see cref="AosThread"/> gives, that runs a device's calls into its modules
/// one after another: a device runs one call at a time anyway, and starting a thread per call cost more than the call
/// itself (about 0.8 ms of a 1.2 ms message, measured by <c>hb bench compute</c>); hopping to a kept thread and back
/// still cost about 0.4 ms on a loaded machine, so callers continue on it. Started on first use, ended on dispose.
/// </summary>
internal sealed class AosWorker : IDisposable
{
    private readonly BlockingCollection<Action> _work = new(new ConcurrentQueue<Action>());
    private readonly Lock _gate = new();
    private Thread? _thread;

    public Task<T> Run<T>(Func<T> body)
    {
        // Already on the worker (the caller continued here after its last call): run in place, no hop at all.
        if (Thread.CurrentThread == _thread)
        {
            try
            {
                return Task.FromResult(body());
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }
        // Continuations run on the worker, as the Lua device's do on its VM thread: the caller's next call into the
        // module then needs no hop, and the thread-pool hop back (a context switch each way, slow on a loaded machine)
        // is gone too. So nothing awaiting a call may block the worker waiting for another of its calls.
        var done = new TaskCompletionSource<T>();
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
