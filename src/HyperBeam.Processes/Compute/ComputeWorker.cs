using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Observability;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tracing;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// Runs one process's execution steps, one at a time, with execution devices of its own (fresh from
/// <see cref="ComputeSettings.ExecutionDevices"/>, so a VM belongs to exactly one worker). The step runs as a task and
/// its outcome comes back as a message, so the worker can still be told to give a hung step up. A device that throws
/// or a step abandoned after a timeout makes the worker throw: its supervisor restarts it with new devices, and the
/// old ones are disposed. The process computer (its grandparent) resends the lost step.
/// A step may bring the slots that follow it (<see cref="RunStep.Following"/>): the task computes them one after the
/// other and answers each as it is done, so the next slot runs while the computer applies the one before (no round
/// trip through the computer and a new task per slot).
/// </summary>
internal sealed class ComputeWorker : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ComputeChildContext _context;
    private readonly ComputeSettings _settings;
    private readonly IActorRef _computer;
    private readonly List<Device> _ownDevices = [];
    private readonly CancellationTokenSource _stopping = new();
    private ExecutionRunner _runner = null!;
    private Message? _lastProduced;
    private long? _running;
    private long _runningSince;

    public ComputeWorker(ComputeChildContext context, ComputeSettings settings, IActorRef computer)
    {
        _context = context;
        _settings = settings;
        _computer = computer;
        Receive<RunStep>(Start);
        Receive<RunDryRun>(StartDryRun);
        Receive<StepOutcome>(Finish);
        Receive<AbandonStep>(Abandon);
    }

    public static Props Props(ComputeChildContext context, ComputeSettings settings, IActorRef computer) =>
        Akka.Actor.Props.Create(() => new ComputeWorker(context, settings, computer));

    protected override void PreStart()
    {
        foreach (var factory in _settings.ExecutionDevices) _ownDevices.Add(factory());
        var registry = _ownDevices.Count == 0 ? _settings.Devices : _settings.Devices.With([.. _ownDevices]);
        _runner = new ExecutionRunner(new Resolver(registry, _settings.Options), _settings.Options);
        _computer.Tell(new WorkerReady(Self));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        foreach (var device in _ownDevices)
        {
            try
            {
                switch (device)
                {
                    case IDisposable disposable: disposable.Dispose(); break;
                    case IAsyncDisposable asyncDisposable: _ = asyncDisposable.DisposeAsync().AsTask(); break;
                }
            }
            catch (Exception e)
            {
                _log.Warning(e, "Compute worker of {ProcessId}: disposing device {Device} failed", _context.ProcessId, device.Name);
            }
        }
        _stopping.Dispose();
    }

    private void Start(RunStep step)
    {
        _running = step.Attempt;
        _runningSince = Stopwatch.GetTimestamp();
        _log.Debug("Process {ProcessId}: running slot {Slot} (attempt {Attempt})", _context.ProcessId, step.Slot, step.Attempt);
        // On the thread pool, so a device that blocks its thread cannot stop this actor from hearing AbandonStep.
        var token = _stopping.Token;
        Task.Run(() => RunAsync(step, token), token).PipeTo(Self,
            success: outcome => outcome,
            failure: e => new StepOutcome(step.Attempt, null, $"{e.GetType().Name}: {e.Message}"));
    }

    /// <summary>
    /// A dry run, like a step on the thread pool (so a hung one can be abandoned), but its outcome is only passed on:
    /// a device that fails or throws fails the dry run, not the worker — the devices ran it on a fork.
    /// </summary>
    private void StartDryRun(RunDryRun run)
    {
        _running = run.Attempt;
        var token = _stopping.Token;
        Task.Run(() => DryRunAsync(run, token), token).PipeTo(Self,
            success: result => new StepOutcome(run.Attempt, new DryRunDone(run.Attempt, run.Slot, result), null),
            failure: e => new StepOutcome(run.Attempt, new DryRunDone(run.Attempt, run.Slot, ResolveResult.Failure($"the dry run failed: {e.GetType().Name}: {e.Message}")), null));
    }

    private async Task<ResolveResult> DryRunAsync(RunDryRun run, CancellationToken cancellationToken)
    {
        var state = run.State;
        if (!ReferenceEquals(state, _lastProduced))
        {
            var normalized = await _runner.NormalizeAsync(state, cancellationToken).ConfigureAwait(false);
            if (!normalized.IsOk || normalized.Value is not Message restored) return normalized;
            state = restored;
        }
        var command = run.Command;
        return await _runner.DryRunAsync(state, AoBinary.FromString(command.Device), command.Key, command.Request, cancellationToken).ConfigureAwait(false);
    }

    private void Finish(StepOutcome outcome)
    {
        if (outcome.Attempt != _running)
        {
            // Nobody takes this snapshot: give its capture back to the device.
            (outcome.Reply as StepSucceeded)?.Snapshot?.Dispose();
            return;
        }
        _running = null;
        if (outcome.Crash is { } cause)
        {
            _computer.Tell(new StepCrashed(outcome.Attempt, cause));
            throw new ComputeWorkerFailure($"process {_context.ProcessId}: {cause}");
        }
        if (outcome.Reply is StepSucceeded succeeded) _lastProduced = succeeded.State;
        else if (outcome.Produced is { } produced) _lastProduced = produced;
        // A slot is computed when it has a state to move on with, its own or an error result; init is not a slot.
        if (outcome.Reply is StepSucceeded { Slot: >= 0 } or StepFailed { Slot: >= 0 })
            HyperBeamMetrics.SlotComputed(Stopwatch.GetElapsedTime(outcome.Since ?? _runningSince));
        _computer.Tell(outcome.Reply!);
    }

    private void Abandon(AbandonStep abandon)
    {
        if (abandon.Attempt != _running) return;
        throw new ComputeWorkerFailure($"process {_context.ProcessId}: {abandon.Cause}");
    }

    /// <summary>
    /// The step, then each following slot on the state the one before produced; every success but the last is told
    /// to the computer from here, the last outcome (or the first that is not a success) goes back through the actor.
    /// </summary>
    private async Task<StepOutcome> RunAsync(RunStep step, CancellationToken cancellationToken)
    {
        var outcome = await RunSpanAsync(step, cancellationToken).ConfigureAwait(false);
        var since = _runningSince;
        foreach (var next in step.Following)
        {
            if (outcome.Reply is not StepSucceeded done || cancellationToken.IsCancellationRequested || !step.Limit.TryStart(next.Slot)) break;
            HyperBeamMetrics.SlotComputed(Stopwatch.GetElapsedTime(since));
            _computer.Tell(done);
            since = Stopwatch.GetTimestamp();
            var following = new RunStep(step.Attempt, next.Slot, done.State, next.Assignment, next.TakeSnapshot, step.Trace);
            outcome = await RunSpanAsync(following, cancellationToken, produced: done.State).ConfigureAwait(false) with { Since = since, Produced = done.State };
        }
        return outcome;
    }

    /// <param name="produced">The state the previous slot of this task produced: the devices hold it already.</param>
    private async Task<StepOutcome> RunSpanAsync(RunStep step, CancellationToken cancellationToken, Message? produced = null)
    {
        using var span = ProcessSpans.Start(ProcessSpans.Compute, _context.ProcessId, step.Slot, step.Trace);
        var outcome = await RunStepAsync(step, cancellationToken, produced).ConfigureAwait(false);
        if (outcome.Reply is not StepSucceeded) span?.SetStatus(ActivityStatusCode.Error, outcome.Crash ?? "the step answered an error");
        return outcome;
    }

    private async Task<StepOutcome> RunStepAsync(RunStep step, CancellationToken cancellationToken, Message? produced)
    {
        var state = step.State;
        if (step.Assignment is null)
        {
            var init = await _runner.InitAsync(state, cancellationToken).ConfigureAwait(false);
            return Outcome(step, init, snapshot: null);
        }
        // A state this worker did not produce (restored from a snapshot or the result cache, or handed over after a
        // restart) first lets the devices rebuild what they keep outside the message.
        if (!ReferenceEquals(state, produced ?? _lastProduced))
        {
            var normalized = await _runner.NormalizeAsync(state, cancellationToken).ConfigureAwait(false);
            if (normalized.ErrorCode != ResolveErrorCodes.DeviceThrew && (!normalized.IsOk || normalized.Value is not Message))
                return new StepOutcome(step.Attempt, new StateUnrestorable(step.Attempt, step.Slot, normalized.ErrorMessage ?? normalized.Value.ToString()), null);
            if (normalized.Value is not Message restored) return Outcome(step, normalized, null);
            state = restored;
        }
        var computed = await _runner.ComputeAsync(state, step.Slot, step.Assignment, cancellationToken).ConfigureAwait(false);
        // Captured now, before the next slot runs on the VM; packed elsewhere, when the store can take it.
        CapturedSnapshot? snapshot = null;
        if (computed is { IsOk: true, Value: Message next } && step.TakeSnapshot)
            snapshot = await _runner.CaptureSnapshotAsync(next, cancellationToken).ConfigureAwait(false);
        return Outcome(step, computed, snapshot);
    }

    private static StepOutcome Outcome(RunStep step, ResolveResult result, CapturedSnapshot? snapshot)
    {
        if (result.ErrorCode == ResolveErrorCodes.DeviceThrew)
            return new StepOutcome(step.Attempt, null, result.ErrorMessage ?? "a device threw");
        if (result is { IsOk: true, Value: Message state })
            return new StepOutcome(step.Attempt, new StepSucceeded(step.Attempt, step.Slot, state, snapshot), null);
        return new StepOutcome(step.Attempt, new StepFailed(step.Attempt, step.Slot, ErrorResult(result)), null);
    }

    /// <summary>The <c>results</c> of a slot whose execution failed: the device's own error message, or one made from the reason.</summary>
    private static Message ErrorResult(ResolveResult result)
    {
        var error = result.Value as Message ?? Message.Of(("body", result.ErrorMessage ?? result.Value.ToString()));
        if (!error.ContainsKey("status")) error = error.Set("status", new AoInteger(500));
        return error.Set("error", result.ErrorMessage ?? "execution failed").Set("phase", "compute");
    }

    /// <summary>
    /// What a step task produced: a reply for the computer, or the cause of a crash. For a step with following slots:
    /// when the last one began (<paramref name="Since"/>) and the last state the task produced before it.
    /// </summary>
    private sealed record StepOutcome(long Attempt, object? Reply, string? Crash, long? Since = null, Message? Produced = null);
}
