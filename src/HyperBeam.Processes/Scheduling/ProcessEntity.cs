using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Observability;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tracing;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// One AO process's scheduler (HyperBEAM's <c>dev_scheduler_server</c>), event-sourced: the single place where the
/// process's slots are assigned, so they are gapless and unique however many senders race. Slot 0 is the process
/// message itself. Each assignment fixes its slot and hash-chain link at once, in arrival order; signing (each mode)
/// runs on the signer's own threads; assignments are written in slot order, in batches of whatever is ready, and the sender
/// is answered after its write (local confirmation) or before it (aggressive). Nothing is written unsigned in each
/// mode, so a crash between assigning and signing forgets those slots (no sender was told of them) and they are
/// assigned again after recovery. In checkpoint mode the entity hands its chain head to the node's
/// <see cref="NodeCheckpointer"/> (one signature covers every process's head) within T of time, at once after N
/// uncovered slots, and at once on recovery when the tail is not covered.
/// </summary>
public sealed class ProcessEntity : ReceivePersistentActor
{
    public const int MaxPage = 1000;
    private const int SnapshotRecent = 100;

    private readonly string _processId;
    private readonly AoBinary _processIdValue;
    private readonly ProcessEntitySettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AssignmentBatches _batches = new();
    private readonly CheckpointPolicy _checkpointPolicy;
    private readonly RecentAssignments _recent;
    private readonly CheckpointIndex _checkpoints;
    private readonly ScheduleJournalReader _reader;

    private Message? _process;
    private long _committedSlot = -1;
    private string _committedChain = "";
    private long _assignedSlot = -1;
    private byte[] _chain = [];
    private long _blockHeight;
    private long _checkpointEvents;
    private long _eventsSinceSnapshot;
    private IActorRef? _computeChild;

    public ProcessEntity(string processId, ProcessEntitySettings settings)
    {
        _processId = processId;
        _processIdValue = AoBinary.FromString(processId);
        _settings = settings;
        _recent = new RecentAssignments(settings.RecentAssignments, settings.RecentAssignmentBytes, settings.RecentAssignmentBudget);
        _checkpointPolicy = new CheckpointPolicy(settings.CheckpointEvery);
        _checkpoints = new CheckpointIndex(settings.CheckpointEvery);
        _reader = new ScheduleJournalReader(Context.System, settings.QueryJournalPluginId);
        PersistenceId = "process-" + processId;

        Recover<SnapshotOffer>(offer => RestoreSnapshot((ScheduleSnapshot)offer.Snapshot));
        Recover<AssignmentRecorded>(ApplyAssignment);
        Recover<CheckpointRecorded>(ApplyCheckpoint);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<Schedule>(Assign);
        Command<AssignmentSigned>(OnSigned);
        Command<AssignmentSigningFailed>(OnSigningFailed);
        Command<FlushAssignments>(_ => Flush());
        Command<GetSchedule>(Read);
        Command<GetCurrentSlot>(_ => Reply(() => new CurrentSlot(_processId, _committedSlot, _committedChain)));
        Command<GetProcessStatus>(_ => Reply(Status));
        Command<GetCheckpoint>(c => Reply(() => _checkpoints.Find(c.CheckpointId) is { } found
            ? new CheckpointFound(_processId, found.Checkpoint)
            : new ProcessCommandFailed(_processId, 404, $"no checkpoint {c.CheckpointId} for process {_processId}")));
        Command<ComputeRequest>(ForwardCompute);
        Command<DryRun>(ForwardCompute);
        Command<GetComputeStatus>(ForwardComputeStatus);
        Command<CheckpointSigned>(OnCheckpointSigned);
        Command<CheckpointSigningFailed>(OnCheckpointSigningFailed);
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Process {ProcessId}: snapshot failed; recovery replays more events", _processId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    public static Props Props(string processId, ProcessEntitySettings settings) =>
        Akka.Actor.Props.Create(() => new ProcessEntity(processId, settings));

    /// <summary>A passivated, stopped or restarting entity gives its share of the node's window back.</summary>
    protected override void PostStop()
    {
        _recent.Clear();
        base.PostStop();
    }

    // ---- recovery -------------------------------------------------------------------------------------------

    private void RestoreSnapshot(ScheduleSnapshot snapshot)
    {
        _process = snapshot.Process;
        _committedSlot = snapshot.CurrentSlot;
        _committedChain = snapshot.HashChain;
        _blockHeight = snapshot.BlockHeight;
        _checkpointEvents = snapshot.CheckpointEvents;
        _checkpoints.Reset(snapshot.Checkpoints);
        _recent.Clear();
        var first = snapshot.CurrentSlot - snapshot.Recent.Count + 1;
        for (var i = 0; i < snapshot.Recent.Count; i++) _recent.Add(first + i, snapshot.Recent[i]);
    }

    private void ApplyAssignment(AssignmentRecorded recorded)
    {
        var assignment = recorded.Assignment;
        if (recorded.Slot == 0 && assignment.GetMessage(AssignmentKeys.Body) is { } process) _process = process;
        _committedSlot = recorded.Slot;
        _committedChain = assignment.GetText(AssignmentKeys.HashChain) ?? "";
        if (assignment.Get(AssignmentKeys.BlockHeight) is AoInteger height) _blockHeight = Math.Max(_blockHeight, height.Value);
        _recent.Add(recorded.Slot, assignment);
        _eventsSinceSnapshot++;
    }

    private void ApplyCheckpoint(CheckpointRecorded checkpoint)
    {
        _checkpoints.Add(checkpoint);
        _checkpointEvents++;
        _eventsSinceSnapshot++;
    }

    private void OnRecovered()
    {
        _assignedSlot = _committedSlot;
        _chain = HashChain.Decode(_committedChain);
        // A crash may have come between the last assignments and their checkpoint: cover them now.
        if (_settings.Signing == AssignmentSigning.Checkpoint && _committedSlot > _checkpoints.LastSlot) RequestCheckpoint(urgent: true);
    }

    // ---- assigning ------------------------------------------------------------------------------------------

    private void Assign(Schedule command)
    {
        var message = command.Message;
        if (_process is null && _assignedSlot < 0 && message.GetText("type") != "Process")
        {
            Sender.Tell(new ProcessCommandFailed(_processId, 404, $"process {_processId} is not known to this scheduler"));
            return;
        }
        var slot = ++_assignedSlot;
        using var span = ProcessSpans.Start(ProcessSpans.Schedule, _processId, slot, ProcessTraceContext.ParentOf(command));
        _chain = HashChain.Next(_chain, command.MessageId ?? MessageIds.All(message));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _blockHeight = LocalBlockClock.Height(now, _blockHeight);
        var unsigned = AssignmentFactory.Create(_processIdValue, slot, _chain, message, _blockHeight, now);
        var pending = _batches.Add(slot, Sender);
        if (_settings.Signing == AssignmentSigning.Each)
        {
            // Told from the signing thread: no thread-pool hop between the signature and the entity.
            var self = Self;
            _settings.Signer.Sign(unsigned, signed => self.Tell(new AssignmentSigned(slot, signed)), e => self.Tell(new AssignmentSigningFailed(slot, e)));
        }
        else
        {
            Ready(pending, unsigned);
        }
    }

    private void OnSigned(AssignmentSigned signed)
    {
        if (_batches.Find(signed.Slot) is { } pending) Ready(pending, signed.Assignment);
    }

    private void Ready(PendingAssignment pending, Message assignment)
    {
        pending.Assignment = assignment;
        if (_settings.Mode == SchedulingMode.Aggressive) pending.Answer(_processId);
        if (_batches.ScheduleFlush()) Self.Tell(FlushAssignments.Instance);
    }

    private void OnSigningFailed(AssignmentSigningFailed failed)
    {
        _log.Error(failed.Cause, "Process {ProcessId}: signing slot {Slot} failed; restarting from the journal", _processId, failed.Slot);
        foreach (var pending in _batches.DropPending())
            pending.ReplyTo.Tell(new ProcessCommandFailed(_processId, 500, "the assignment could not be signed: " + failed.Cause.Message));
        // The slot and chain link are fixed already: only a restart from the journal can give them out again.
        throw new InvalidOperationException($"process {_processId}: signing slot {failed.Slot} failed", failed.Cause);
    }

    /// <summary>Writes the ready assignments that follow the last written slot, as one batch, in slot order.</summary>
    private void Flush()
    {
        var batch = _batches.TakeBatch(_committedSlot);
        if (batch.Count > 0) PersistAllAsync(batch, OnWritten);
    }

    private void OnWritten(AssignmentRecorded recorded)
    {
        var pending = _batches.Written();
        ApplyAssignment(recorded);
        HyperBeamMetrics.SlotScheduled();
        _log.Debug("Process {ProcessId}: slot {Slot} written", _processId, recorded.Slot);
        Context.System.EventStream.Publish(new Scheduled(_processId, recorded.Slot, recorded.Assignment));
        if (_settings.Mode == SchedulingMode.LocalConfirmation) pending.Answer(_processId);
        MaybeSnapshot();
        if (_settings.Signing == AssignmentSigning.Checkpoint) ConsiderCheckpoint();
    }

    /// <summary>
    /// The journal wrote none of a batch (Akka stops the entity after this): every sender still waiting is told now,
    /// rather than left to time out; the next incarnation recovers what was written and gives those slots out again.
    /// </summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        FailOutstanding(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The journal refused an event (it could not be serialised): its slot would be a gap, so the entity stops too.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        FailOutstanding(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self);
    }

    private void FailOutstanding(Exception cause)
    {
        var outstanding = _batches.DropAll();
        if (outstanding.Count > 0)
            _log.Error(cause, "Process {ProcessId}: the journal did not write slots {First} to {Last}; stopping to recover from the journal",
                _processId, outstanding.Min(p => p.Slot), outstanding.Max(p => p.Slot));
        foreach (var pending in outstanding)
            pending.Fail(_processId, 503, "the assignment could not be written: " + cause.Message);
    }

    // ---- checkpoints ----------------------------------------------------------------------------------------

    private void ConsiderCheckpoint()
    {
        switch (_checkpointPolicy.AfterWrite(_committedSlot, _checkpoints.LastSlot))
        {
            case CheckpointAction.SignNow:
                RequestCheckpoint(urgent: true);
                break;
            case CheckpointAction.SignWithinInterval:
                RequestCheckpoint(urgent: false);
                break;
            case CheckpointAction.Hasten:
                _checkpointPolicy.Hastened();
                // Signed as the head written now, not the one handed in: one signature then covers every uncovered slot.
                _settings.Checkpointer.Hasten(_processId, _committedSlot, _committedChain);
                break;
        }
    }

    private void RequestCheckpoint(bool urgent)
    {
        if (!_checkpointPolicy.TryStart(_committedSlot, _checkpoints.LastSlot, urgent)) return;
        var slot = _committedSlot;
        var chain = _committedChain;
        // The head signed may be a later one handed in while this one waited (hastened): the checkpoint says which.
        _settings.Checkpointer.CoverAsync(_processId, slot, chain, urgent ? TimeSpan.Zero : _settings.CheckpointInterval)
            .PipeTo(Self, success: checkpoint => CheckpointSigned.Of(checkpoint), failure: e => new CheckpointSigningFailed(slot, e));
    }

    /// <summary>The head stays uncovered; the next write hands it in again.</summary>
    private void OnCheckpointSigningFailed(CheckpointSigningFailed failed)
    {
        _log.Error(failed.Cause, "Process {ProcessId}: the checkpoint of slot {Slot} could not be signed", _processId, failed.Slot);
        _checkpointPolicy.Recorded();
    }

    private void OnCheckpointSigned(CheckpointSigned signed)
    {
        PersistAsync(new CheckpointRecorded(signed.Slot, signed.HashChain, signed.Checkpoint), recorded =>
        {
            ApplyCheckpoint(recorded);
            _checkpointPolicy.Recorded();
            MaybeSnapshot();
            ConsiderCheckpoint();
        });
    }

    private void MaybeSnapshot()
    {
        if (_eventsSinceSnapshot < _settings.SnapshotEvery || _process is null) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(new ScheduleSnapshot(_process, _committedSlot, _committedChain, _blockHeight, _checkpointEvents,
            _checkpoints.All, _recent.Tail(SnapshotRecent)));
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    private void Read(GetSchedule query)
    {
        if (_process is null)
        {
            Sender.Tell(Unknown());
            return;
        }
        var from = Math.Max(0, query.From);
        var requestedTo = Math.Min(query.To ?? _committedSlot, _committedSlot);
        var to = Math.Min(requestedTo, from + MaxPage - 1);
        var continues = to < requestedTo;
        if (from > to)
        {
            Sender.Tell(new SchedulePage(_processId, [], false, _committedSlot));
            return;
        }
        if (_recent.Covers(from))
        {
            Sender.Tell(new SchedulePage(_processId, Annotate(_recent.Range(from, to)), continues, _committedSlot));
            return;
        }
        // Checkpoint events sit between assignments in the journal, so slot s is at sequence number s + 1 or later.
        ReadFromJournalAsync(from, to, from + 1, to + 1 + _checkpointEvents, continues).PipeTo(Sender);
    }

    /// <summary>Runs off the actor: it touches only what it is given and the immutable checkpoint snapshot.</summary>
    private Task<object> ReadFromJournalAsync(long from, long to, long fromSequenceNr, long toSequenceNr, bool continues)
    {
        var processId = _processId;
        var current = _committedSlot;
        var annotate = _settings.Signing == AssignmentSigning.Checkpoint;
        var checkpoints = _checkpoints.Copy();
        var reading = _reader.ReadAsync(PersistenceId, from, to, fromSequenceNr, toSequenceNr);
        return Page();

        async Task<object> Page()
        {
            try
            {
                var assignments = await reading.ConfigureAwait(false);
                return new SchedulePage(processId, annotate ? assignments.Select(checkpoints.Annotate).ToList() : assignments, continues, current);
            }
            catch (Exception e)
            {
                return new ProcessCommandFailed(processId, 503, "reading the schedule failed: " + e.GetBaseException().Message);
            }
        }
    }

    private List<Message> Annotate(List<Message> assignments) =>
        _settings.Signing == AssignmentSigning.Checkpoint ? assignments.Select(_checkpoints.Annotate).ToList() : assignments;

    private ProcessStatus Status() => new(_processId, _committedSlot, _committedChain,
        SchedulerOptionNames.Name(_settings.Mode), SchedulerOptionNames.Name(_settings.Signing), _checkpoints.LastSlot, _batches.Outstanding);

    private void Reply(Func<object> answer) => Sender.Tell(_process is null ? Unknown() : answer());

    private ProcessCommandFailed Unknown() => new(_processId, 404, $"process {_processId} is not known to this scheduler");

    // ---- compute --------------------------------------------------------------------------------------------

    /// <summary>A compute or a dry run goes to the compute child, created on first use.</summary>
    private void ForwardCompute(IProcessCommand command)
    {
        if (_process is null)
        {
            Sender.Tell(Unknown());
            return;
        }
        if (_settings.ComputeChild is not { } factory)
        {
            Sender.Tell(new ProcessCommandFailed(_processId, 501, "this node does not compute processes"));
            return;
        }
        _computeChild ??= Context.ActorOf(factory(new ComputeChildContext(_processId, _process, Self)), "compute");
        _computeChild.Forward(command);
    }

    /// <summary>Asks the compute child, if there is one: asking must not start computing a process.</summary>
    private void ForwardComputeStatus(GetComputeStatus query)
    {
        if (_process is null) Sender.Tell(Unknown());
        else if (_computeChild is null) Sender.Tell(new ComputeStatus(_processId, null, 0));
        else _computeChild.Forward(query);
    }
}
