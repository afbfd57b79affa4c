using Akka.Persistence.Sql.Journal.Types;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>A commit that records what each transaction got and finishes only when the test says so.</summary>
internal sealed class GatedCommit
{
    private readonly object _gate = new();
    private readonly List<TaskCompletionSource> _started = [];
    private readonly List<TaskCompletionSource> _outcomes = [];
    private readonly List<bool> _finished = [];
    private bool _open;

    public List<IReadOnlyList<JournalRow>> Transactions { get; } = [];

    public List<IReadOnlyList<JournalRow>> Committed { get; } = [];

    public async Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        Task outcome;
        int index;
        lock (_gate)
        {
            index = Transactions.Count;
            Transactions.Add(rows.ToList());
            _finished.Add(false);
            outcome = _open ? Task.CompletedTask : Outcome(index + 1).Task;
        }
        Signal(index + 1);
        await outcome;
        lock (_gate)
        {
            Committed.Add(Transactions[index]);
            _finished[index] = true;
        }
    }

    /// <summary>Completes when transaction <paramref name="n"/> (1-based) has started.</summary>
    public Task Started(int n)
    {
        lock (_gate) return Slot(_started, n).Task;
    }

    public bool Finished(int n)
    {
        lock (_gate) return _finished[n - 1];
    }

    public void Release(int n) => Outcome(n).TrySetResult();

    public void Fail(int n, Exception cause) => Outcome(n).TrySetException(cause);

    public void OpenForGood()
    {
        lock (_gate)
        {
            _open = true;
            foreach (var outcome in _outcomes) outcome.TrySetResult();
        }
    }

    private void Signal(int n)
    {
        lock (_gate) Slot(_started, n).TrySetResult();
    }

    private TaskCompletionSource Outcome(int n)
    {
        lock (_gate) return Slot(_outcomes, n);
    }

    private static TaskCompletionSource Slot(List<TaskCompletionSource> list, int n)
    {
        while (list.Count < n) list.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return list[n - 1];
    }
}
