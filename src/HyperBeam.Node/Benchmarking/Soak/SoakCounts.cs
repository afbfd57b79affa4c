namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>What one kind of soak request did; updated by concurrent senders.</summary>
public sealed class SoakCounts(string kind)
{
    private long _ok;
    private long _errors;
    private long _skipped;
    private string? _firstError;

    public string Kind { get; } = kind;

    public long Ok => Interlocked.Read(ref _ok);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Ticks that found <see cref="SoakOptions.MaxInFlight"/> requests still in flight and sent nothing.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>The first failure, so that a report of errors says what they were.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    public void AddOk() => Interlocked.Increment(ref _ok);

    public void AddSkipped() => Interlocked.Increment(ref _skipped);

    public void AddError(string what)
    {
        Interlocked.Increment(ref _errors);
        Interlocked.CompareExchange(ref _firstError, what, null);
    }
}
