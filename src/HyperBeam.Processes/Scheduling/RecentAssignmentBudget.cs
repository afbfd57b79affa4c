namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// What all the <see cref="RecentAssignments"/> windows of a node hold together, shared equally among the windows
/// holding any: each window keeps at most its share (and never more than its own capacity), trimming itself as it
/// adds. The total, not a window's size, is what the garbage collector pays for: every collection finds the windows'
/// assignments alive and promotes them, and they die a generation up. With 128 a process, 100 busy processes held
/// ~12 800 assignments, more than the node made between two collections, so every assignment went through gen1 and
/// many through gen2, and a 3 s bench row paused ~550 ms; with the node's 256 shared (2 each) it paused ~100 ms, as
/// one busy process with 128 does (README, "Tenth round").
/// </summary>
/// <param name="count">The assignments held by all windows together, at most (about: a window trims on its next add).</param>
/// <param name="bytes">…and their content bytes (<see cref="MessageWeight"/>).</param>
public sealed class RecentAssignmentBudget(int count = RecentAssignmentBudget.DefaultCount, long bytes = RecentAssignmentBudget.DefaultBytes)
{
    public const int DefaultCount = 256;

    /// <summary>16 MiB: a few hundred typical signed messages.</summary>
    public const long DefaultBytes = 16L * 1024 * 1024;

    private int _windows;

    /// <summary>The assignments all windows hold together, at most.</summary>
    public int Count { get; } = count >= 1 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "at least one");

    /// <summary>…and their content bytes.</summary>
    public long Bytes { get; } = bytes >= 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "not negative");

    /// <summary>The windows holding at least one assignment.</summary>
    public int Windows => Volatile.Read(ref _windows);

    /// <summary>A window's share of the count: at least one, so each still holds its newest assignment.</summary>
    public int CountShare => Math.Max(1, Count / Math.Max(1, Windows));

    /// <summary>A window's share of the content bytes (its newest assignment is held whatever its size).</summary>
    public long ByteShare => Bytes / Math.Max(1, Windows);

    internal void Join() => Interlocked.Increment(ref _windows);

    internal void Leave() => Interlocked.Decrement(ref _windows);
}
