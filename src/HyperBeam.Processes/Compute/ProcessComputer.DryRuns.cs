using Akka.Actor;
using HyperBeam.Processes.Protocol;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Compute;

/// <summary>The dry runs of a <see cref="ProcessComputer"/>: when one starts on the worker and the state it waits in.</summary>
public sealed partial class ProcessComputer
{
    /// <summary>
    /// Starts the oldest dry run on the worker when the latest computed state is one the worker can run it on, and
    /// says whether it did. Otherwise arranges that state (the first time after a start: computing up to the current
    /// slot; a state the worker lost: a rewind) through a waiter of its own, and the dry run waits.
    /// A dry run sees the latest slot computed when its turn comes; it never waits for the rest of a backlog. Only a
    /// computer nobody has asked to compute since it started (a node just restarted: its state may be that of its
    /// last snapshot, older than the results it stored) first brings the process to its current slot.
    /// </summary>
    private bool StartDryRun()
    {
        if (_waiters.AnyForDryRuns) return false;
        if (!_caughtUp || (_state is null && _waiters.IsEmpty))
        {
            _waiters.Add(new ComputeWaiter(null, ActorRefs.Nobody, ForDryRuns: true));
            return false;
        }
        if (_state is null || !_workerReady) return false;
        if (_executable.MustRewindFrom(_state))
        {
            var slot = _atSlot;
            _waiters.Add(new ComputeWaiter(slot, ActorRefs.Nobody, ForDryRuns: true));
            RewindToExecutable(slot, slot);
            return true;
        }
        var pending = _dryRuns.Take();
        var run = new RunDryRun(_retries.NextAttempt(), _atSlot, _state, pending.Command);
        Enter(() => DryRunning(run, pending));
        _workers.Tell(run);
        Timers.StartSingleTimer(StepTimer, new StepTimedOut(run.Attempt), _settings.SlotTimeout);
        return true;
    }

    /// <summary>A dry run is out on the worker; it ends with its answer, its timeout or the worker's restart.</summary>
    private void DryRunning(RunDryRun run, PendingDryRun pending)
    {
        Command<DryRunDone>(d => d.Attempt == run.Attempt, d =>
        {
            Timers.Cancel(StepTimer);
            var result = d.Result;
            pending.ReplyTo.Tell(new DryRunEvaluated(_context.ProcessId, d.Slot, result.Status.ToString(), result.Value, result.ErrorMessage));
            Advance();
        });
        Command<StepTimedOut>(t => t.Attempt == run.Attempt, _ =>
        {
            var cause = $"the dry run ran past the slot timeout of {_settings.SlotTimeout.TotalSeconds:0.###} s";
            pending.ReplyTo.Tell(new ProcessCommandFailed(_context.ProcessId, 503, cause));
            _workerReady = false;
            _workers.Tell(new AbandonStep(run.Attempt, cause));
            Advance();
        });
        Command<StepCrashed>(c => c.Attempt == run.Attempt, _ => _workerReady = false);
        // Restarted under the dry run (killed from outside: a dry run does not crash it): run it again on the rebuilt state.
        Command<WorkerReady>(_ =>
        {
            Timers.Cancel(StepTimer);
            OnWorkerReady();
            _dryRuns.Again(pending);
            Advance();
        });
        Command<ComputeRequest>(c => Enqueue(c));
        Always();
    }
}
