using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Node.Benchmarking;

/// <summary>How <c>hb bench schedule</c> loads the scheduler.</summary>
public sealed record ScheduleBenchOptions
{
    public int Clients { get; init; } = 25;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Load sent to each scenario before measuring it (JIT tiering, connection pools), not counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<int> ProcessCounts { get; init; } = [1, 100];

    /// <summary>The signing modes measured, each with every process count.</summary>
    public IReadOnlyList<AssignmentSigning> Signings { get; init; } = [AssignmentSigning.Each, AssignmentSigning.Checkpoint];

    public ScheduleJournal Journal { get; init; } = ScheduleJournal.Sqlite;

    /// <summary>The Npgsql connection string of the PostgreSQL journal (required with <see cref="ScheduleJournal.Postgres"/>).</summary>
    public string? PostgresConnectionString { get; init; }
}
