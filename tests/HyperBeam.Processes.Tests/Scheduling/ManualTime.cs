namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>A clock that stands still until the test moves it; its timers fire only then.</summary>
internal sealed class ManualTime : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<TaskCompletionSource> _created = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>The delay each timer was created with, in the order they were created.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate) return _timers.Select(t => t.Delay).ToList();
        }
    }

    /// <summary>Completes once <paramref name="n"/> timers have been created.</summary>
    public Task TimersCreated(int n)
    {
        lock (_gate) return Slot(n).Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ManualTimer timer;
        TaskCompletionSource created;
        lock (_gate)
        {
            timer = new ManualTimer(this, () => callback(state), _now + dueTime, dueTime);
            _timers.Add(timer);
            created = Slot(_timers.Count);
        }
        created.TrySetResult();
        return timer;
    }

    /// <summary>Moves the clock on and fires the timers that are due by then.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.TakeIfDue(_now)).ToList();
        }
        foreach (var timer in due) timer.Fire();
    }

    private TaskCompletionSource Slot(int n)
    {
        while (_created.Count < n) _created.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _created[n - 1];
    }

    private sealed class ManualTimer(ManualTime time, Action fire, DateTimeOffset at, TimeSpan delay) : ITimer
    {
        private DateTimeOffset? _at = at;

        public TimeSpan Delay { get; } = delay;

        public bool TakeIfDue(DateTimeOffset now)
        {
            if (_at is not { } at || at > now) return false;
            _at = null;
            return true;
        }

        public void Fire() => fire();

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (time._gate) _at = dueTime == Timeout.InfiniteTimeSpan ? null : time._now + dueTime;
            return true;
        }

        public void Dispose()
        {
            lock (time._gate) _at = null;
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
