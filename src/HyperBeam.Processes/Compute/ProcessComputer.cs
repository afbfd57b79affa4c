using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using Akka.Persistence;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Binary;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Observability;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Supervision;
using HyperBeam.Processes.Tracing;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// The compute child of a process entity (dev_process's <c>compute</c>): keeps the process state and brings it
/// forward slot by slot, asking the entity for assignments and running each step on a <see cref="ComputeWorker"/>
/// under a back-off supervisor.
/// <list type="bullet">
/// <item>Requests are queued and each is answered <see cref="Computed"/> once its slot is reached; a request for the
///   current slot is answered at once, one below it from the result cache (no rewind: not cached is an error).</item>
/// <item>Before computing a slot the result cache is asked for it, so a slot computed before a restart is not run again.</item>
/// <item>Every <see cref="ComputeSettings.SnapshotInterval"/> slots the state goes to the snapshot store, written in the
///   background while compute goes on (<see cref="SnapshotWrites"/>: bounded, newest wins, older ones pruned); a
///   restarted computer resumes from the latest snapshot in the store.</item>
/// <item>A worker that crashes or runs past <see cref="ComputeSettings.SlotTimeout"/> is restarted and the step
///   retried up to <see cref="ComputeSettings.RetryCount"/> times; after that the slot's <c>results</c> is an error and
///   the process moves on. A restarted worker's devices are new: when they keep state outside the message, the
///   computer first goes back to the latest state carrying their snapshot (<see cref="ExecutableState"/>) and
///   computes forward, so every result is what an uninterrupted run gives.</item>
/// <item>A <see cref="DryRun"/> runs on the worker between two pieces of work, on the latest computed state (see
///   <see cref="StartDryRun"/>); its answer goes to the asker and nothing of it is applied, stored or snapshotted.</item>
/// </list>
/// One piece of work runs at a time, and each is a state (<c>Become</c>); requests are taken in every state:
/// <list type="bullet">
/// <item><b>recovering</b> (Akka.Persistence's own: commands wait) → <b>idle</b>;</item>
/// <item><b>idle</b>: nothing runs and nobody waits; a request starts the next piece of work;</item>
/// <item><b>reading the cache</b>: the result cache was asked for the next slot;</item>
/// <item><b>awaiting the schedule</b>: the entity was asked for the assignments from the next slot on;</item>
/// <item><b>step queued</b>: a step waits for the worker to be ready; <b>stepping</b>: the worker runs it;</item>
/// <item><b>storing</b>: too many results are still being written to the result cache (back-pressure): the next
///   piece of work waits for one to end;</item>
/// <item><b>dry running</b>: the worker evaluates a dry run.</item>
/// </list>
/// Leaving a piece of work goes through <see cref="Advance"/>, which picks the next one or goes idle.
/// </summary>
public sealed partial class ProcessComputer : ReceivePersistentActor, IWithTimers
{
    private const string StepTimer = "step";
    private const string WorkerSupervisorName = "worker-supervisor";
    private const string WorkerName = "worker";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ComputeChildContext _context;
    private readonly ComputeSettings _settings;
    private readonly ComputedResults? _results;
    private readonly ComputeWaiters _waiters = new();
    private readonly StepRetries _retries;
    private readonly SortedDictionary<long, Message> _assignments = new();
    private IActorRef _workers = ActorRefs.Nobody;
    private Message? _state;
    private long _atSlot = long.MinValue;
    // The worker's life is its own: it restarts (and says so) whatever the computer is doing.
    private bool _workerReady;
    private long? _cacheMissAt;
    private readonly ExecutableState _executable = new();
    private readonly DryRunQueue _dryRuns;
    // Slots given an error result after their retries were spent: a replay applies the same result without running them.
    private readonly SortedDictionary<long, Message> _givenUp = new();
    // Dry runs run on the latest computed state; until anyone asks for a compute, the first brings the process current.
    private bool _caughtUp;
    // After a rewind, slots up to this one are computed again rather than read from the cache.
    private long _recomputeThrough = long.MinValue;
    private (Message State, long Bytes)? _stateSize;
    private readonly SnapshotWrites _snapshots;
    // When each snapshot write out started (Stopwatch timestamps), for the spacing between writes.
    private readonly Dictionary<long, long> _snapshotStarts = [];
    // Results of slots still being written to the cache: served from here meanwhile (see WriteResult).
    private readonly SortedDictionary<long, Message> _unwrittenResults = new();
    // A snapshot due while results up to its slot are still being written: offered once they are.
    private DueSnapshot? _snapshotAfterResults;
    // The slots the worker computes after the step out, without being told (see RunStep.Following).
    private (long Attempt, Queue<FollowingStep> Steps, FollowingLimit Limit)? _following;
    // Reading the schedule ahead: a page asked for while the worker computes what is held (see ReadAhead).
    private bool _readingAhead;
    private long _readAheadFrom;
    // The computer waits for the page read ahead rather than asking for the same page again.
    private bool _awaitingReadAhead;
    private bool _moreScheduled;
    private long _highestAssigned = long.MinValue;
    // The step the worker runs while the computer is stepping; null in every other state (see EnterStepping).
    private RunStep? _stepping;
    // Markers of an earlier version were replayed: cleared once recovered.
    private bool _replayedMarkers;

    public ProcessComputer(ComputeChildContext context, ComputeSettings settings)
    {
        _context = context;
        _settings = settings;
        _results = settings.Results is { } cache ? new ComputedResults(cache) : null;
        _retries = new StepRetries(settings.RetryCount);
        _dryRuns = new DryRunQueue(context.ProcessId);
        _snapshots = new SnapshotWrites(settings.MaxSnapshotWrites, settings.PruneSnapshotsAfter);
        PersistenceId = PersistenceIdOf(context.ProcessId);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not ComputeSnapshot snapshot) return;
            _state = snapshot.State;
            _atSlot = snapshot.Slot;
            _executable.Recovered(snapshot.State, snapshot.Slot);
            _snapshots.Recovered(snapshot.Slot);
            _log.Info("Process {ProcessId}: resuming from the snapshot of slot {Slot}", _context.ProcessId, snapshot.Slot);
        });
        Recover<ComputeCheckpoint>(_ => _replayedMarkers = true);
        Recover<RecoveryCompleted>(_ =>
        {
            if (_replayedMarkers) DeleteMessages(LastSequenceNr);
            StartWorkers();
        });

        Idle();
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdOf(string processId) => "compute-" + processId;

    /// <summary>The props of a process's compute child; usable as a <see cref="ComputeChildFactory"/>.</summary>
    public static Props Props(ComputeChildContext context, ComputeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return Akka.Actor.Props.Create(() => new ProcessComputer(context, settings));
    }

    /// <summary>The factory a process entity creates its compute child with.</summary>
    public static ComputeChildFactory Factory(ComputeSettings settings)
    {
        settings.Validate();
        return context => Props(context, settings);
    }

    // ---- states ---------------------------------------------------------------------------------------------

    private void Idle()
    {
        Command<ComputeRequest>(c => { if (Enqueue(c)) Advance(); });
        Command<DryRun>(d => { if (_dryRuns.Add(d, Sender)) Advance(); });
        Command<WorkerReady>(_ =>
        {
            OnWorkerReady();
            Advance();
        });
        Always();
    }

    private void ReadingCache()
    {
        Command<CachedState>(OnCachedState);
        Waiting();
    }

    private void AwaitingSchedule()
    {
        Command<SchedulePage>(OnSchedulePage);
        // When the page read ahead is the one this state waits for, it answers; if that read failed, ask again.
        Command<PageReadAhead>(ahead =>
        {
            _readingAhead = false;
            if (!_awaitingReadAhead)
            {
                if (ahead.Page is { } held) Hold(held);
                return;
            }
            _awaitingReadAhead = false;
            // Read for an earlier goal, it may not reach the slot wanted now: then ask again.
            if (ahead.Page is { } page && page.Assignments.Any(a => ProcessStateKeys.ReadInteger(a, ProcessStateKeys.Slot) == _atSlot + 1)) OnSchedulePage(page);
            else
            {
                if (ahead.Page is { } partial) Hold(partial);
                Advance();
            }
        });
        Command<ProcessCommandFailed>(f => FailAll(f.Status, $"the scheduler refused: {f.Reason}"));
        Command<ScheduleUnavailable>(u => FailAll(503, $"the scheduler did not answer: {u.Reason}"));
        Waiting();
    }

    private void StepQueued(RunStep step)
    {
        Command<WorkerReady>(_ =>
        {
            OnWorkerReady();
            // The step was made for a worker that held its state; a new one may not.
            if (step.Assignment is not null && _executable.MustRewindFrom(step.State)) RewindBefore(step);
            else Dispatch(step);
        });
        Command<ComputeRequest>(c => { if (Enqueue(c)) AnswerWaiters(); });
        Always();
    }

    /// <summary>
    /// The worker runs <see cref="_stepping"/>. A following step only changes that field: the handlers read it, so
    /// the computer stays in this state from slot to slot instead of building it again for each (see
    /// <see cref="EnterStepping"/>).
    /// </summary>
    private void Stepping()
    {
        Command<StepSucceeded>(s => _stepping is { } step && s.Attempt == step.Attempt && s.Slot == step.Slot, OnStepSucceeded);
        Command<StepFailed>(f => f.Attempt == _stepping?.Attempt, OnStepFailed);
        Command<StateUnrestorable>(u => u.Attempt == _stepping?.Attempt, u => OnStateUnrestorable(_stepping!, u));
        Command<StepCrashed>(c => c.Attempt == _stepping?.Attempt, c =>
        {
            _retries.Losing(c.Cause);
            _workerReady = false;
            _following = null;
            Timers.Cancel(StepTimer);
        });
        Command<StepTimedOut>(t => t.Attempt == _stepping?.Attempt, _ => OnStepTimedOut(_stepping!));
        // A dry run goes between two pieces of work: the worker stops after the slots it has started.
        Command<DryRun>(d =>
        {
            _dryRuns.Add(d, Sender);
            CutFollowing();
        });
        // A worker that comes back while the step was out lost it (crashed, timed out, or killed without a word).
        Command<WorkerReady>(_ =>
        {
            OnWorkerReady();
            Retry(_stepping!, _retries.RestartCause);
        });
        Command<ComputeRequest>(c => { if (Enqueue(c)) AnswerWaiters(); });
        Always();
    }

    private void Storing()
    {
        Command<StateStored>(stored =>
        {
            OnResultWritten(stored);
            if (_unwrittenResults.Count < _settings.MaxResultWrites) Advance();
        });
        Waiting();
    }

    /// <summary>What the states that wait for an answer share: requests queue, a ready worker is noted.</summary>
    private void Waiting()
    {
        Command<ComputeRequest>(c => { if (Enqueue(c)) AnswerWaiters(); });
        Command<WorkerReady>(_ =>
        {
            OnWorkerReady();
            AnswerWaiters();
        });
        Always();
    }

    /// <summary>What every state does alike; registered last, so a state's own handlers come first.</summary>
    private void Always()
    {
        Command<GetComputeStatus>(_ => Sender.Tell(new ComputeStatus(_context.ProcessId, _state is null ? null : _atSlot, StateBytes())));
        // Busy: a dry run waits for the piece of work in hand, then goes before the next.
        Command<DryRun>(d => _dryRuns.Add(d, Sender));
        Command<DryRunDone>(_ => { });
        Command<StateStored>(OnResultWritten);
        Command<PageReadAhead>(ahead =>
        {
            _readingAhead = false;
            if (ahead.Page is { } page) Hold(page);
        });
        // Late answers to an attempt that is no longer the current one.
        Command<StepSucceeded>(s => s.Snapshot?.Dispose());
        Command<StepFailed>(_ => { });
        Command<StateUnrestorable>(_ => { });
        Command<StepCrashed>(_ => { });
        Command<StepTimedOut>(_ => { });
        Command<SnapshotPacked>(OnSnapshotPacked);
        Command<SnapshotSpaced>(s => OnSnapshotSpaced(s.Slot, s.Stored));
        Command<SaveSnapshotSuccess>(s => OnSnapshotWritten(s.Metadata, stored: true));
        Command<SaveSnapshotFailure>(f =>
        {
            _log.Warning(f.Cause, "Process {ProcessId}: saving the snapshot of slot {Slot} failed", _context.ProcessId, SnapshotWrites.SlotOf(f.Metadata.SequenceNr));
            OnSnapshotWritten(f.Metadata, stored: false);
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Process {ProcessId}: deleting old snapshots failed", _context.ProcessId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Process {ProcessId}: deleting old checkpoints failed", _context.ProcessId));
    }

    // ---- work -----------------------------------------------------------------------------------------------

    private void StartWorkers()
    {
        var options = Backoff.OnFailure(
                ComputeWorker.Props(_context, _settings, Self), WorkerName,
                _settings.MinRestartBackoff, _settings.MaxRestartBackoff, randomFactor: 0.2, maxNrOfRetries: -1)
            .WithSupervisorStrategy(new OneForOneStrategy(
                WorkerRestarts.Decider(Context.System, _log, _context.ProcessId, Self.Path / WorkerSupervisorName / WorkerName)));
        _workers = Context.ActorOf(BackoffSupervisor.Props(options), WorkerSupervisorName);
    }

    /// <summary>Answers a bad request or one below the current slot at once; true when the request waits.</summary>
    private bool Enqueue(ComputeRequest compute)
    {
        if (compute.ProcessId != _context.ProcessId)
        {
            Sender.Tell(new ProcessCommandFailed(compute.ProcessId, 400, $"this compute child serves process {_context.ProcessId}"));
            return false;
        }
        if (compute.Slot is < -1)
        {
            Sender.Tell(new ProcessCommandFailed(compute.ProcessId, 400, $"slot {compute.Slot} is not a slot: slots start at 0 (−1 is the state after init)"));
            return false;
        }
        if (compute.Slot is { } slot && _state is not null && slot < _atSlot)
        {
            ServeFromCache(slot, Sender);
            return false;
        }
        _waiters.Add(new ComputeWaiter(compute.Slot, Sender, ProcessTraceContext.ParentOf(compute)));
        // Someone drives the process forward: dry runs may take the latest computed slot from now on.
        _caughtUp = true;
        return true;
    }

    /// <summary>The encoded size of the current state, measured once per state (introspection asks repeatedly).</summary>
    private long StateBytes()
    {
        if (_state is null) return 0;
        if (_stateSize is { } known && ReferenceEquals(known.State, _state)) return known.Bytes;
        long bytes;
        try
        {
            bytes = MessageBinary.Encode(_state).Length;
        }
        catch (CodecException)
        {
            bytes = -1;
        }
        _stateSize = (_state, bytes);
        return bytes;
    }

    private void ServeFromCache(long slot, IActorRef replyTo)
    {
        var processId = _context.ProcessId;
        var current = _atSlot;
        if (_unwrittenResults.TryGetValue(slot, out var unwritten))
        {
            replyTo.Tell(new Computed(processId, slot, unwritten));
            return;
        }
        if (_results is null)
        {
            replyTo.Tell(new ProcessCommandFailed(processId, 400,
                $"slot {slot} is below the current slot {current} and results are not kept: a process does not rewind"));
            return;
        }
        _results.ReadAsync(processId, slot).AsTask().PipeTo(replyTo,
            success: state => state is null
                ? new ProcessCommandFailed(processId, 404, $"slot {slot} is below the current slot {current} and its result is not cached: a process does not rewind")
                : new Computed(processId, slot, state),
            failure: e => new ProcessCommandFailed(processId, 500, $"reading the result of slot {slot} failed: {e.Message}"));
    }

    /// <summary>
    /// Called when nothing runs (a piece of work just ended): answers whoever waits for the current slot, then starts
    /// the next piece of work, or goes idle when nobody waits.
    /// </summary>
    private void Advance()
    {
        AnswerWaiters();
        if (ContinueFollowing()) return;
        if (_unwrittenResults.Count >= _settings.MaxResultWrites)
        {
            Enter(Storing);
            return;
        }
        if (!_dryRuns.IsEmpty && StartDryRun()) return;
        if (_waiters.IsEmpty)
        {
            Enter(Idle);
            return;
        }
        if (_state is null)
        {
            Send(new RunStep(_retries.NextAttempt(), -1, ProcessStateKeys.Initial(_context.Process), null, TakeSnapshot: false, _waiters.Trace()));
            return;
        }
        var next = _atSlot + 1;
        if (_assignments.Remove(next, out var assignment))
        {
            if (_executable.MustRewindFrom(_state))
            {
                _assignments[next] = assignment;
                RewindToExecutable(next - 1, next);
                return;
            }
            if (_givenUp.TryGetValue(next, out var lost))
            {
                // As when its retries were spent: its error result on the state before it, which the devices keep.
                Apply(next, ErrorState(next, lost), null, continued: true);
                return;
            }
            Send(new RunStep(_retries.NextAttempt(), next, _state, assignment, IsSnapshotSlot(next), _waiters.Trace()) { Following = FollowingOf(next) });
            return;
        }
        if (_results is not null && _cacheMissAt != next && next > _recomputeThrough)
        {
            Enter(ReadingCache);
            _results.ReadAsync(_context.ProcessId, next).AsTask().PipeTo(Self,
                success: state => new CachedState(next, state),
                failure: e => new CachedState(next, null, e));
            return;
        }
        Enter(AwaitingSchedule);
        // A page read ahead from this slot is on its way: it is this one.
        if (_readingAhead && _readAheadFrom == next)
        {
            _awaitingReadAhead = true;
            return;
        }
        _context.Scheduler.Ask<object>(new GetSchedule(_context.ProcessId, next, _waiters.Goal()), _settings.ScheduleTimeout)
            .PipeTo(Self, failure: e => new ScheduleUnavailable(e.Message));
    }

    private bool IsSnapshotSlot(long slot) => slot % _settings.SnapshotInterval == 0;

    /// <summary>
    /// The assignments after <paramref name="first"/> the worker may compute straight on, up to
    /// <see cref="ComputeSettings.StepsAhead"/>: consecutive, none given up before; none while a dry run waits (it
    /// goes between two pieces of work).
    /// </summary>
    private IReadOnlyList<FollowingStep> FollowingOf(long first)
    {
        if (!_dryRuns.IsEmpty) return [];
        List<FollowingStep>? following = null;
        for (var slot = first + 1; (following?.Count ?? 0) < _settings.StepsAhead; slot++)
        {
            if (_givenUp.ContainsKey(slot) || !_assignments.TryGetValue(slot, out var assignment)) break;
            (following ??= []).Add(new FollowingStep(slot, assignment, IsSnapshotSlot(slot)));
        }
        return following ?? (IReadOnlyList<FollowingStep>)[];
    }

    private void CutFollowing()
    {
        if (_following is not { } following) return;
        var last = following.Limit.Cut();
        var kept = following.Steps.Where(s => s.Slot <= last).ToList();
        _following = kept.Count > 0 ? (following.Attempt, new Queue<FollowingStep>(kept), following.Limit) : null;
    }

    /// <summary>
    /// The worker is computing the slot after the one just applied (a following step): wait for it as for a step of
    /// its own, so every slot it computes is applied (its devices are that far). True when it does.
    /// </summary>
    private bool ContinueFollowing()
    {
        if (_following is not { } following) return false;
        if (_state is not null && following.Steps.TryDequeue(out var next))
        {
            if (next.Slot == _atSlot + 1)
            {
                if (following.Steps.Count == 0) _following = null;
                ReadAhead();
                var step = new RunStep(following.Attempt, next.Slot, _state, next.Assignment, next.TakeSnapshot, _waiters.Trace());
                EnterStepping(step);
                Timers.StartSingleTimer(StepTimer, new StepTimedOut(step.Attempt), _settings.SlotTimeout);
                return true;
            }
            // Not where the worker goes on from (a bug): its devices would be ahead of the state; give it up.
            _log.Warning("Process {ProcessId}: the worker computes slot {Slot} ahead, the process is at {AtSlot}; restarting it", _context.ProcessId, next.Slot, _atSlot);
            _workerReady = false;
            _workers.Tell(new AbandonStep(following.Attempt, "the computer left the slots it computes ahead"));
        }
        _following = null;
        return false;
    }

    /// <summary>
    /// The current state lacks what the devices keep outside the message (it was read from the result cache, or the
    /// worker restarted with fresh devices): goes back to the newest state at or below <paramref name="from"/> they
    /// can continue from (the worker's live state, the latest snapshot, else init) and computes forward without the
    /// cache through <paramref name="through"/>. Deterministic: the same results, byte for byte.
    /// </summary>
    private void RewindToExecutable(long from, long through)
    {
        var target = _executable.RewindTarget(from);
        _log.Info("Process {ProcessId}: the execution state at slot {Slot} is not whole here; computing again from {From}",
            _context.ProcessId, from, target is { } t ? $"slot {t.Slot}" : "init");
        (_state, _atSlot) = target is { } found ? (found.State, found.Slot) : ((Message?)null, long.MinValue);
        _recomputeThrough = Math.Max(_recomputeThrough, through);
        Advance();
    }

    /// <summary>A step made for a worker that has since restarted: rewind first, then the step's slot again.</summary>
    private void RewindBefore(RunStep step)
    {
        if (step.Assignment is { } assignment) _assignments[step.Slot] = assignment;
        RewindToExecutable(step.Slot - 1, step.Slot);
    }

    private void OnWorkerReady()
    {
        _workerReady = true;
        _executable.WorkerStarted();
    }

    private void AnswerWaiters()
    {
        if (_state is null) return;
        foreach (var waiter in _waiters.TakeReached(_atSlot))
        {
            if (waiter.ForDryRuns)
            {
                _caughtUp = true;
                continue;
            }
            var target = waiter.Target!.Value;
            if (target == _atSlot) waiter.ReplyTo.Tell(new Computed(_context.ProcessId, _atSlot, _state));
            else ServeFromCache(target, waiter.ReplyTo);
        }
    }

    private void OnCachedState(CachedState cached)
    {
        if (cached.Error is not null)
            _log.Warning(cached.Error, "Process {ProcessId}: reading the stored result of slot {Slot} failed; computing it again: {Error}",
                _context.ProcessId, cached.Slot, cached.Error.Message);
        if (cached.Slot == _atSlot + 1 && cached.State is { } state)
        {
            _state = state;
            _atSlot = cached.Slot;
            _assignments.Remove(cached.Slot);
        }
        else
        {
            _cacheMissAt = cached.Slot;
        }
        Advance();
    }

    private void OnSchedulePage(SchedulePage page)
    {
        Hold(page);

        foreach (var waiter in _waiters.SettleAgainst(page.CurrentSlot))
            waiter.ReplyTo.Tell(new ProcessCommandFailed(_context.ProcessId, 404,
                $"slot {waiter.Target} has not been assigned yet: the current slot is {page.CurrentSlot}"));
        if (!_assignments.ContainsKey(_atSlot + 1) && _waiters.AnyBeyond(_atSlot))
        {
            FailAll(500, $"the scheduler sent no assignment for slot {_atSlot + 1} though its current slot is {page.CurrentSlot}");
            return;
        }
        Advance();
    }

    /// <summary>Keeps the assignments of a page that are still ahead.</summary>
    private void Hold(SchedulePage page)
    {
        foreach (var assignment in page.Assignments)
            if (ProcessStateKeys.ReadInteger(assignment, ProcessStateKeys.Slot) is { } slot && slot > _atSlot)
            {
                _assignments[slot] = assignment;
                _highestAssigned = Math.Max(_highestAssigned, slot);
            }
        _moreScheduled = page.Continues;
    }

    /// <summary>
    /// When few held assignments are left and the scheduler said more follow, asks for the next page while the worker
    /// computes (a journal read costs about as much as a hundred slots): the computer need not stop to wait for it.
    /// </summary>
    private void ReadAhead()
    {
        if (_readingAhead || !_moreScheduled || _assignments.Count > _settings.ReadAheadBelow || _highestAssigned < _atSlot) return;
        if (_waiters.Goal() is { } goal && goal <= _highestAssigned) return;
        _readingAhead = true;
        _moreScheduled = false;
        _readAheadFrom = _highestAssigned + 1;
        _context.Scheduler.Ask<object>(new GetSchedule(_context.ProcessId, _readAheadFrom, _waiters.Goal()), _settings.ScheduleTimeout)
            .PipeTo(Self, success: reply => new PageReadAhead(reply as SchedulePage), failure: _ => new PageReadAhead(null));
    }

    /// <summary>Every state but stepping is entered here, so <see cref="_stepping"/> is set exactly while stepping.</summary>
    private void Enter(Action state)
    {
        _stepping = null;
        Become(state);
    }

    /// <summary>
    /// The worker runs <paramref name="step"/>. Already stepping (the slot after the one just applied, or a step sent
    /// again), the state stays as it is: building it again for every slot cost about a seventh of the processor time
    /// of a slot computed through the actors.
    /// </summary>
    private void EnterStepping(RunStep step)
    {
        var stepping = _stepping is not null;
        _stepping = step;
        if (!stepping) Become(Stepping);
    }

    /// <summary>Hands the step to the worker, or holds it until the worker is ready.</summary>
    private void Send(RunStep step)
    {
        if (_workerReady) Dispatch(step);
        else Enter(() => StepQueued(step));
    }

    private void Dispatch(RunStep step)
    {
        ReadAhead();
        _following = step.Following.Count > 0 ? (step.Attempt, new Queue<FollowingStep>(step.Following), step.Limit) : null;
        EnterStepping(step);
        _workers.Tell(step);
        Timers.StartSingleTimer(StepTimer, new StepTimedOut(step.Attempt), _settings.SlotTimeout);
    }

    private void OnStepTimedOut(RunStep step)
    {
        var cause = $"slot {step.Slot} ran past the slot timeout of {_settings.SlotTimeout.TotalSeconds:0.###} s";
        _retries.Losing(cause);
        _workerReady = false;
        _following = null;
        _workers.Tell(new AbandonStep(step.Attempt, cause));
        // A worker that cannot even take the order to give up is replaced when its next ready arrives; if none
        // does, the request that waits gets its own ask timeout.
    }

    private void Retry(RunStep step, string cause)
    {
        _following = null;
        var again = _retries.CountLoss(step.Slot);
        _log.Warning("Process {ProcessId}: slot {Slot} attempt {Attempt} was lost: {Cause}", _context.ProcessId, step.Slot, _retries.Tries, cause);
        if (again)
        {
            // The restarted worker's devices are new: the state the step was made on may need rebuilding first.
            if (step.Assignment is not null && _executable.MustRewindFrom(step.State)) RewindBefore(step);
            else Send(step with { Attempt = _retries.NextAttempt() });
            return;
        }
        var reason = $"slot {step.Slot} failed after {_retries.Tries} attempts: {cause}";
        if (step.Slot < 0)
        {
            FailInit(500, reason);
            return;
        }
        var error = Message.Of(("status", 500), ("error", reason), ("phase", "compute"));
        _givenUp[step.Slot] = error;
        Apply(step.Slot, ErrorState(step.Slot, error), null);
    }

    private void OnStepFailed(StepFailed failed)
    {
        // The worker stops at a slot that fails: nothing more comes from it.
        _following = null;
        if (failed.Slot < 0)
        {
            FailInit(ProcessStateKeys.ReadInteger(failed.Error, "status") is { } s and >= 400 and < 600 ? (int)s : 500,
                $"init failed: {failed.Error.GetText("error") ?? failed.Error.ToString()}");
            return;
        }
        _log.Warning("Process {ProcessId}: slot {Slot} failed: {Error}", _context.ProcessId, failed.Slot, failed.Error.GetText("error"));
        Apply(failed.Slot, ErrorState(failed.Slot, failed.Error), null, continued: true);
    }

    /// <summary>
    /// The devices could not restore the state the step was made on (a corrupt snapshot, or one made against a base
    /// they do not have): that state is given up as a point to rewind to and the process is computed again from the
    /// one before it, else from init. The same results as a run that never snapshotted: neither an error nor a state
    /// that lost what the snapshot held. The stored snapshot stays until newer ones replace it.
    /// </summary>
    private void OnStateUnrestorable(RunStep step, StateUnrestorable unrestorable)
    {
        _following = null;
        Timers.Cancel(StepTimer);
        _log.Warning("Process {ProcessId}: the state before slot {Slot} cannot be restored ({Reason}); giving it up", _context.ProcessId,
            unrestorable.Slot, unrestorable.Reason);
        _executable.Unrestorable(step.State);
        RewindBefore(step);
    }

    private Message ErrorState(long slot, Message error) =>
        _state!.Remove(ProcessStateKeys.Snapshot).Set(ProcessStateKeys.Results, error.Set("attempted-slot", new AoInteger(slot))).Set(ProcessStateKeys.AtSlot, new AoInteger(slot));

    private void FailInit(int status, string reason)
    {
        ClearStep();
        FailAll(status, reason);
    }

    /// <summary>Fails every waiting request; nothing runs after (the next request starts afresh).</summary>
    private void FailAll(int status, string reason)
    {
        _log.Warning("Process {ProcessId}: failing {Requests} compute request(s): {Reason}", _context.ProcessId, _waiters.Count, reason);
        foreach (var waiter in _waiters.TakeAll())
            if (!waiter.ForDryRuns) waiter.ReplyTo.Tell(new ProcessCommandFailed(_context.ProcessId, status, reason));
        _dryRuns.FailAll(status, reason);
        _awaitingReadAhead = false;
        Enter(Idle);
    }

    private void ClearStep(long? slot = null)
    {
        Timers.Cancel(StepTimer);
        if (slot is { } applied) _retries.Settled(applied);
        else _retries.Reset();
    }

    /// <summary>
    /// A computed slot. Its snapshot, if it is a snapshot slot, was fixed by the worker before the next slot ran, and
    /// may not be packed yet: then the slot is applied now (compute goes on) and the capture goes to the snapshot
    /// writes, which pack it when a write is free for it or drop it unpacked when a newer one replaces it.
    /// </summary>
    private void OnStepSucceeded(StepSucceeded succeeded)
    {
        if (succeeded.Snapshot is { Packed: null } captured) Apply(succeeded.Slot, succeeded.State, null, computed: true, captured: captured);
        else Apply(succeeded.Slot, succeeded.State, succeeded.Snapshot?.Packed is { } packed ? ExecutionRunner.Kept(packed) : null, computed: true);
    }

    /// <summary>
    /// A captured snapshot whose write came up is packed: the newest state to rewind to, and on its way to the store.
    /// A failed pack frees the write for the next (nothing is lost: a restart resumes from an earlier snapshot).
    /// </summary>
    private void OnSnapshotPacked(SnapshotPacked packed)
    {
        if (packed.Error is { } error)
        {
            _log.Warning(error, "Process {ProcessId}: packing the snapshot of slot {Slot} failed; it is not stored", _context.ProcessId, packed.Slot);
            OnSnapshotEnded(packed.Slot, stored: false);
            return;
        }
        var kept = packed.Snapshot is null ? null : ExecutionRunner.Kept(packed.Snapshot);
        var snapshot = new DueSnapshot(packed.Slot, packed.State).Stored(kept);
        if (kept is not null) _executable.Packed(snapshot.State, packed.Slot);
        SaveSnapshot(snapshot);
    }

    /// <param name="computed">The devices computed the state (not an error state): only then does a missing snapshot say something.</param>
    /// <param name="continued">An error result the worker's devices went on from (they answered it; they did not restart).</param>
    /// <param name="captured">The devices' snapshot of this slot, not packed yet: offered to the store as it is, packed if written.</param>
    private void Apply(long slot, Message state, Message? snapshot, bool computed = false, bool continued = false, CapturedSnapshot? captured = null)
    {
        ClearStep(slot);
        _assignments.Remove(slot);
        _state = state;
        _atSlot = slot;
        if (computed) _executable.Produced(state, slot, slot >= 0 && slot % _settings.SnapshotInterval == 0, snapshot, captured is not null);
        else if (continued) _executable.Continued(state, slot);
        // No rewind goes back before the latest snapshot: what was given up there is settled.
        while (_givenUp.Count > 0 && _givenUp.First().Key <= _executable.AnchorSlot) _givenUp.Remove(_givenUp.First().Key);
        if (slot < 0)
        {
            Advance();
            return;
        }
        Context.System.EventStream.Publish(new Computed(_context.ProcessId, slot, state));
        AnswerWaiters();
        if (_results is not null) WriteResult(slot, state);
        if (IsSnapshotSlot(slot)) OfferSnapshot(new DueSnapshot(slot, snapshot is null ? state : state.Set(ProcessStateKeys.Snapshot, snapshot), captured));
        Advance();
    }

    /// <summary>
    /// Writes the result of a slot to the cache while compute goes on (its answer went out already: a result is
    /// what the assignments give, computed again if lost). Until written it is served from memory; at most
    /// <see cref="ComputeSettings.MaxResultWrites"/> are out before the next piece of work waits (storing).
    /// </summary>
    private void WriteResult(long slot, Message state)
    {
        _unwrittenResults[slot] = state;
        _results!.WriteAsync(_context.ProcessId, slot, state).AsTask().PipeTo(Self,
            success: () => new StateStored(slot, null),
            failure: e => new StateStored(slot, e));
    }

    private void OnResultWritten(StateStored stored)
    {
        // An error, not a warning: an unstored slot can no longer be read once the process has moved past it.
        if (stored.Error is not null)
            _log.Error(stored.Error, "Process {ProcessId}: storing the result of slot {Slot} failed; that slot cannot be read once the process moves past it: {Error}",
                _context.ProcessId, stored.Slot, stored.Error.Message);
        _unwrittenResults.Remove(stored.Slot);
        if (_snapshotAfterResults is { } snapshot && ResultsWrittenThrough(snapshot.Slot))
        {
            _snapshotAfterResults = null;
            OfferSnapshot(snapshot);
        }
    }

    private bool ResultsWrittenThrough(long slot) => _unwrittenResults.Count == 0 || _unwrittenResults.First().Key > slot;

    /// <summary>
    /// A snapshot goes to the store only once the results up to its slot are written: a restart resumes from it and
    /// reads every slot below it from the cache.
    /// </summary>
    private void OfferSnapshot(DueSnapshot snapshot)
    {
        if (!ResultsWrittenThrough(snapshot.Slot))
        {
            // Newest wins here too: the one not kept goes back unpacked.
            var dropped = snapshot;
            if (_snapshotAfterResults is null || _snapshotAfterResults.Slot < snapshot.Slot) (dropped, _snapshotAfterResults) = (_snapshotAfterResults, snapshot);
            if (dropped is null) return;
            HyperBeamMetrics.ComputeSnapshot(written: false);
            dropped.Drop();
            return;
        }
        if (_snapshots.Offer(snapshot) is { } write) WriteSnapshot(write);
    }

    /// <summary>
    /// Starts the write the snapshot writes made room for: a capture is packed first, off the actor
    /// (<see cref="OnSnapshotPacked"/>), the rest goes to the store at once.
    /// </summary>
    private void WriteSnapshot(DueSnapshot snapshot)
    {
        _snapshotStarts[snapshot.Slot] = Stopwatch.GetTimestamp();
        if (snapshot.Captured is not { } captured)
        {
            SaveSnapshot(snapshot.Stored());
            return;
        }
        var (slot, state) = (snapshot.Slot, snapshot.State);
        captured.PackAsync().PipeTo(Self, success: packed => new SnapshotPacked(slot, state, packed), failure: e => new SnapshotPacked(slot, state, null, e));
    }

    /// <summary>
    /// Hands the snapshot to the store, which serializes and writes it on its own: compute goes on. Keyed by its slot,
    /// it is one row in one transaction; no journal marker is written first (that round trip stopped compute).
    /// </summary>
    private void SaveSnapshot(ComputeSnapshot snapshot)
    {
        HyperBeamMetrics.ComputeSnapshot(written: true);
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, SnapshotWrites.SequenceNrOf(snapshot.Slot), DateTime.UtcNow), snapshot), Self);
    }

    private void OnSnapshotWritten(SnapshotMetadata metadata, bool stored) => OnSnapshotEnded(SnapshotWrites.SlotOf(metadata.SequenceNr), stored);

    /// <summary>
    /// A write ended: its place is free once <see cref="ComputeSettings.MinSnapshotSpacing"/> has passed since it
    /// started (until then the snapshots due wait, newest wins).
    /// </summary>
    private void OnSnapshotEnded(long slot, bool stored)
    {
        var rest = _settings.MinSnapshotSpacing - Stopwatch.GetElapsedTime(_snapshotStarts.GetValueOrDefault(slot));
        _snapshotStarts.Remove(slot);
        if (rest > TimeSpan.Zero)
        {
            var spaced = new SnapshotSpaced(slot, stored);
            Timers.StartSingleTimer(spaced, spaced, rest);
            return;
        }
        OnSnapshotSpaced(slot, stored);
    }

    private void OnSnapshotSpaced(long slot, bool stored)
    {
        var (next, pruneBelow) = _snapshots.Ended(slot, stored);
        if (next is not null) WriteSnapshot(next);
        // The store deletes in the background; only rows older than the snapshot just stored.
        if (pruneBelow is { } below)
            SnapshotStore.Tell(new DeleteSnapshots(PersistenceId, new SnapshotSelectionCriteria(SnapshotWrites.SequenceNrOf(below) - 1)), Self);
    }

    /// <summary>Snapshots captured and not written go back to their device unpacked.</summary>
    protected override void PostStop()
    {
        _snapshots.Clear();
        _snapshotAfterResults?.Drop();
        _snapshotAfterResults = null;
        base.PostStop();
    }
}
