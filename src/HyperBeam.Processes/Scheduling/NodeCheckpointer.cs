using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// Signs the checkpoints of every process of a node together: each entity hands in its chain head (process, slot,
/// hash-chain), and one signature over the Merkle root of all heads handed in by then covers them all (see
/// <see cref="CheckpointTree"/> and docs/checkpoints.md). Signatures per second then follow the checkpoint interval,
/// not the number of active processes: a head handed in "within" an interval waits at most that long, and a head
/// handed in at once (enough uncovered slots, or recovery) is signed as soon as no other signature is under way,
/// together with everything waiting. One signature is under way at a time, on the node's signing pool, so checkpoints
/// never take more than one signing thread from assignments signed in <c>each</c> mode.
/// <para>
/// And signatures begin at least <c>minimumSpacing</c> apart: a head handed in "at once" while the last signature
/// began less than that ago waits for the rest of it. Without it a busy process (every 1 000 slots reached in ~30 ms)
/// kept an RSA-4096 signature under way back to back, a tenth of the node's processor time on two cores, for
/// checkpoints that each covered a few milliseconds of slots; with it the slots a checkpoint leaves uncovered grow by
/// at most what the node schedules in that spacing.
/// </para>
/// </summary>
public sealed class NodeCheckpointer(AssignmentSigner signer, TimeSpan minimumSpacing, TimeProvider time)
{
    /// <summary>How far apart node checkpoint signatures begin, at least, unless a node says otherwise.</summary>
    public static TimeSpan DefaultSpacing { get; } = TimeSpan.FromMilliseconds(100);

    public NodeCheckpointer(AssignmentSigner signer) : this(signer, DefaultSpacing)
    {
    }

    public NodeCheckpointer(AssignmentSigner signer, TimeSpan minimumSpacing) : this(signer, minimumSpacing, TimeProvider.System)
    {
    }

    /// <summary>How far apart signatures begin, at least.</summary>
    public TimeSpan MinimumSpacing { get; } = minimumSpacing;

    private readonly object _gate = new();
    private List<Request> _waiting = [];
    private readonly Dictionary<string, Request> _waitingByProcess = [];
    private bool _signing;
    private DateTimeOffset? _due;
    private DateTimeOffset? _lastBegun;
    private long _timerGeneration;
    private long _signatures;

    /// <summary>Signatures made so far (each covers one or more processes).</summary>
    public long Signatures => Interlocked.Read(ref _signatures);

    /// <summary>
    /// The checkpoint of one process's chain head, once a node checkpoint covering it is signed: the message
    /// <see cref="ScheduleVerifier.CoveredByCheckpoint"/> checks, whose ID the process's assignments name. The head
    /// signed is this one or a later one of the same process handed in by <see cref="Hasten(string, long, string)"/>
    /// while it waited: the checkpoint's <c>slot</c> and <c>hash-chain</c> say which.
    /// </summary>
    /// <param name="within">How long the head may wait for others to share its signature (zero: sign as soon as possible).</param>
    public Task<Message> CoverAsync(string processId, long slot, string hashChain, TimeSpan within)
    {
        var request = new Request(processId, slot, hashChain);
        bool signNow;
        lock (_gate)
        {
            _waiting.Add(request);
            _waitingByProcess[processId] = request;
            var now = time.GetUtcNow();
            var due = NoSoonerThanSpacing(now + (within < TimeSpan.Zero ? TimeSpan.Zero : within));
            if (_due is null || due < _due)
            {
                _due = due;
                if (!_signing && due > now) StartTimer(due - now);
            }
            signNow = !_signing && due <= now;
            if (signNow) _signing = true;
        }
        // Off the caller's thread (an entity's): hashing a tree of many heads is not its work.
        if (signNow) _ = Task.Run(SignWaitingAsync);
        return request.Done.Task;
    }

    /// <summary>
    /// Signs what waits as soon as no other signature is under way (a waiting head left too many slots uncovered), and
    /// <paramref name="processId"/>'s waiting head as
    /// the later one given (written since it was handed in): signed as handed in, it would leave the slots written
    /// since uncovered, and the process would need a second signature at once.
    /// </summary>
    public void Hasten(string processId, long slot, string hashChain)
    {
        lock (_gate)
        {
            if (_waitingByProcess.TryGetValue(processId, out var waiting)) waiting.MoveTo(slot, hashChain);
            if (_waiting.Count == 0) return;
            var now = time.GetUtcNow();
            var due = NoSoonerThanSpacing(now);
            if (_due is null || due < _due) _due = due;
            if (_signing) return;
            if (_due > now)
            {
                StartTimer(_due.Value - now);
                return;
            }
            _signing = true;
        }
        _ = Task.Run(SignWaitingAsync);
    }

    /// <summary><paramref name="due"/>, or the end of the spacing after the last signature began if that is later.</summary>
    private DateTimeOffset NoSoonerThanSpacing(DateTimeOffset due) =>
        _lastBegun is { } begun && begun + MinimumSpacing > due ? begun + MinimumSpacing : due;

    private void StartTimer(TimeSpan delay)
    {
        var generation = ++_timerGeneration;
        _ = Task.Delay(delay, time).ContinueWith(_ => OnTimer(generation), TaskScheduler.Default);
    }

    private void OnTimer(long generation)
    {
        lock (_gate)
        {
            // A later timer or a signature under way took over: it handles what waits now.
            if (generation != _timerGeneration || _signing || _waiting.Count == 0) return;
            _signing = true;
        }
        _ = SignWaitingAsync();
    }

    private async Task SignWaitingAsync()
    {
        while (true)
        {
            List<Request> batch;
            lock (_gate)
            {
                batch = _waiting;
                _waiting = [];
                _waitingByProcess.Clear();
                _due = null;
                _timerGeneration++;
                _lastBegun = time.GetUtcNow();
            }
            await SignAsync(batch).ConfigureAwait(false);
            lock (_gate)
            {
                if (_waiting.Count == 0 || _due is not { } requested)
                {
                    _signing = false;
                    return;
                }
                // Heads handed in while this signature was under way count its spacing from when it began.
                var due = NoSoonerThanSpacing(requested);
                _due = due;
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    _signing = false;
                    StartTimer(wait);
                    return;
                }
            }
        }
    }

    private async Task SignAsync(List<Request> batch)
    {
        try
        {
            var leaves = batch.Select(r => CheckpointTree.Leaf(r.ProcessId, r.Slot, r.HashChain)).ToList();
            var levels = CheckpointTree.Levels(leaves);
            var unsigned = AssignmentFactory.NodeCheckpoint(CheckpointTree.Root(levels), batch.Count, time.GetUtcNow().ToUnixTimeMilliseconds());
            var signed = await signer.SignAsync(unsigned).ConfigureAwait(false);
            Interlocked.Increment(ref _signatures);
            for (var i = 0; i < batch.Count; i++)
            {
                var r = batch[i];
                r.Done.TrySetResult(AssignmentFactory.ProcessCheckpoint(r.ProcessId, r.Slot, r.HashChain, i, CheckpointTree.Proof(levels, i), signed));
            }
        }
        catch (Exception e)
        {
            foreach (var r in batch) r.Done.TrySetException(e);
        }
    }

    private sealed class Request(string processId, long slot, string hashChain)
    {
        public string ProcessId { get; } = processId;

        /// <summary>Changed only under the checkpointer's lock, while the request waits (not once it is being signed).</summary>
        public long Slot { get; private set; } = slot;

        public string HashChain { get; private set; } = hashChain;

        /// <summary>A later head of the same chain (an earlier one is ignored).</summary>
        public void MoveTo(long slot, string hashChain)
        {
            if (slot <= Slot) return;
            Slot = slot;
            HashChain = hashChain;
        }

        public TaskCompletionSource<Message> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
