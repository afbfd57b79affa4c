using System.Collections.Concurrent;

namespace HyperBeam.Lua.Tests;

/// <summary>Holds every task given to it until the test runs them (<see cref="RunAll"/>), on the test's own thread.</summary>
internal sealed class HeldTaskScheduler : TaskScheduler
{
    private readonly ConcurrentQueue<Task> _held = new();

    /// <summary>Tasks waiting to be run.</summary>
    public int Held => _held.Count;

    public void RunAll()
    {
        while (_held.TryDequeue(out var task)) TryExecuteTask(task);
    }

    protected override void QueueTask(Task task) => _held.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _held.ToArray();
}
