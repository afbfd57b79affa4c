using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace HyperBeam.Lua.Vm;

/// <summary>
/// The dedicated thread one Lua VM runs on. Work items run one at a time, which serialises every call on the VM.
/// A dedicated thread (not the thread pool) because a host callback such as <c>ao.resolve</c> is synchronous for
/// Lua while the resolver is async: the callback blocks this thread — and only this one — until the resolution
/// completes, which on a pool thread could starve the pool the resolution itself needs.
/// While it waits, the thread keeps running calls that come from inside that resolution (a script resolving a key
/// on its own VM), so re-entry does not deadlock; unrelated calls wait their turn in the queue.
/// </summary>
internal sealed class LuaVmThread : IDisposable
{
    // The VM threads blocked in a host callback on the current async flow, so a call made from within that
    // resolution is recognised as nested.
    private static readonly AsyncLocal<ImmutableHashSet<LuaVmThread>?> WaitingOnFlow = new();

    private readonly BlockingCollection<Action> _queue = new();
    private readonly ConcurrentQueue<Action> _nested = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Thread _thread;
    private readonly Action _onExit;
    private int _waitDepth;

    public LuaVmThread(string name, int stackBytes, Action onExit)
    {
        _onExit = onExit;
        _thread = new Thread(Run, stackBytes) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the VM thread; the task faults with ObjectDisposedException after disposal.
    /// The caller's continuation runs on the VM thread, right after the work: a compute loop then makes one thread
    /// hop per call instead of two (the hop back to the pool cost more than a small Lua call). Callers must not block
    /// in that continuation; nothing in the node does (no sync-over-async in src), and the continuation only holds
    /// up later calls on this same VM.
    /// </summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        if (Volatile.Read(ref _waitDepth) > 0 && WaitingOnFlow.Value?.Contains(this) == true)
        {
            // Nested in a host callback that blocks this thread: the continuation goes to the pool, as the waiting
            // callback's own loop must regain control as soon as the work is done.
            var nested = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _nested.Enqueue(() => Complete(nested, work));
            _wake.Set();
            return nested.Task;
        }
        var completion = new TaskCompletionSource<T>();
        try
        {
            _queue.Add(() => Complete(completion, work));
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Adding after CompleteAdding (or after the thread ended) means the VM is gone.
            completion.SetException(new ObjectDisposedException(_thread.Name, "the Lua VM was disposed"));
        }
        return completion.Task;
    }

    /// <summary>
    /// Called on the VM thread only: starts <paramref name="start"/> and blocks this thread until it completes,
    /// running nested calls meanwhile. Returns the value or rethrows the failure.
    /// </summary>
    public T WaitFor<T>(Func<ValueTask<T>> start)
    {
        var outcome = new Outcome<T>();
        var previous = WaitingOnFlow.Value;
        WaitingOnFlow.Value = (previous ?? []).Add(this);
        Interlocked.Increment(ref _waitDepth);
        try
        {
            _ = RunAsync(start, outcome);
            WaitingOnFlow.Value = previous;
            while (!outcome.IsDone)
            {
                _wake.Wait();
                _wake.Reset();
                DrainNested();
            }
        }
        finally
        {
            WaitingOnFlow.Value = previous;
            Interlocked.Decrement(ref _waitDepth);
        }
        if (outcome.Failure is { } failure) throw new LuaHostCallException(failure);
        return outcome.Value!;
    }

    public void Dispose() => _queue.CompleteAdding();

    private static void Complete<T>(TaskCompletionSource<T> completion, Func<T> work)
    {
        T result;
        try
        {
            result = work();
        }
        catch (Exception e)
        {
            completion.SetException(e);
            return;
        }
        completion.SetResult(result);
    }

    private async Task RunAsync<T>(Func<ValueTask<T>> start, Outcome<T> outcome)
    {
        try
        {
            outcome.Value = await start().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            outcome.Failure = e;
        }
        finally
        {
            outcome.IsDone = true;
            _wake.Set();
        }
    }

    private void Run()
    {
        try
        {
            foreach (var work in _queue.GetConsumingEnumerable())
            {
                work();
                DrainNested();
            }
        }
        finally
        {
            DrainNested();
            _onExit();
            _wake.Dispose();
            _queue.Dispose();
        }
    }

    private void DrainNested()
    {
        while (_nested.TryDequeue(out var work)) work();
    }

    private sealed class Outcome<T>
    {
        private volatile bool _done;

        public T? Value { get; set; }

        public Exception? Failure { get; set; }

        public bool IsDone
        {
            get => _done;
            set => _done = value;
        }
    }
}
