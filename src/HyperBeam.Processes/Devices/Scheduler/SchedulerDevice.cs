using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Devices.Scheduler;

/// <summary>
/// <c>scheduler@1.0</c> (HyperBEAM's <c>dev_scheduler</c>), over the node's process entities.
/// <list type="bullet">
/// <item><c>schedule</c> POST: schedules the request's <c>body</c> (or the request itself), trimmed to its committed
///   keys and verified (400 when a signature fails). A <c>type: Process</c> message creates its process: it is written
///   to the node's store and takes slot 0 under its all-commitments ID. Any other message goes to the process named by
///   its <c>target</c>, the request's <c>target</c>, the base's <c>process</c>, or the base itself when it is a process
///   (404 when the process is unknown). Answers the assignment.</item>
/// <item><c>schedule</c> GET: <c>from</c>/<c>to</c> (inclusive; defaults 0 and the current slot) → a <c>schedule</c>
///   message: <c>assignments</c> keyed by slot, at most 1000, and <c>continues</c> when more follow. With
///   <c>accept: application/aos-2</c>, the legacy scheduler-unit JSON instead (<see cref="LegacySchedule"/>).</item>
/// <item><c>slot</c>: the current slot (<c>current</c>) of the process, with block and wallet details.</item>
/// <item><c>checkpoint</c>: <c>id</c> → the signed checkpoint with that ID (checkpoint signing).</item>
/// <item><c>status</c>: the node's scheduler address and options, and the process's status when one is named.</item>
/// </list>
/// </summary>
public sealed class SchedulerDevice : Device
{
    public const string DeviceName = "scheduler@1.0";

    private readonly IProcessGateway _gateway;
    private readonly Func<Message, CancellationToken, ValueTask<string>>? _store;
    private readonly string? _address;

    /// <param name="gateway">The way to the process entities.</param>
    /// <param name="storeMessage">Writes a new process message into the node's store, so <c>/ID/…</c> paths load it.</param>
    /// <param name="address">The scheduler's (node wallet's) address, shown by <c>slot</c> and <c>status</c>.</param>
    public SchedulerDevice(IProcessGateway gateway, Func<Message, CancellationToken, ValueTask<string>>? storeMessage = null, string? address = null)
        : base(DeviceName, new DeviceInfo { Exports = ["schedule", "slot", "status", "checkpoint"] })
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _store = storeMessage;
        _address = address;
        Map("schedule", ScheduleAsync);
        Map("slot", SlotAsync);
        Map("status", StatusAsync);
        Map("checkpoint", CheckpointAsync);
    }

    private ValueTask<ResolveResult> ScheduleAsync(Message @base, Message request, ResolveContext context) =>
        string.Equals(request.GetText("method"), "POST", StringComparison.OrdinalIgnoreCase)
            ? PostScheduleAsync(@base, request, context)
            : GetScheduleAsync(@base, request, context);

    private async ValueTask<ResolveResult> PostScheduleAsync(Message @base, Message request, ResolveContext context)
    {
        var toSchedule = request.Get("body") as Message ?? request;
        var message = ScheduledMessage.OnlyCommitted(toSchedule);
        if (!ScheduledMessage.Verifies(message))
            return SchedulerReplies.Status(400, "Message is not valid: a commitment of the message does not verify.");
        var isProcess = message.GetText("type") == "Process";
        var processId = isProcess
            ? MessageIds.All(message)
            : ProcessTarget.IdText(message.Get("target")) ?? (ReferenceEquals(toSchedule, request) ? null : ProcessTarget.IdText(request.Get("target"))) ?? ProcessTarget.FromBase(@base);
        if (processId is null) return SchedulerReplies.Status(400, "No process to schedule on: give a target, or schedule a process message.");
        if (!MessageKeys.IsIdShaped(processId)) return SchedulerReplies.Status(400, $"'{processId}' is not a process ID.");
        if (isProcess && _store is not null) await _store(message, context.CancellationToken).ConfigureAwait(false);

        var reply = await _gateway.AskAsync(new Schedule(processId, message), context.CancellationToken).ConfigureAwait(false);
        return reply switch
        {
            Scheduled scheduled => ResolveResult.Ok(scheduled.Assignment),
            ProcessCommandFailed failed => SchedulerReplies.Status(failed.Status, failed.Reason),
            _ => SchedulerReplies.Status(500, $"unexpected scheduler reply {reply.GetType().Name}"),
        };
    }

    private async ValueTask<ResolveResult> GetScheduleAsync(Message @base, Message request, ResolveContext context)
    {
        if (ProcessTarget.Find(@base, request) is not { } processId) return SchedulerReplies.NoProcess();
        if (!SchedulerReplies.TryInteger(request.Get("from"), out var from) || !SchedulerReplies.TryInteger(request.Get("to"), out var to))
            return SchedulerReplies.Status(400, "from and to must be whole numbers (slots).");
        if (request.GetText("accept") is { } accept && accept.Contains(Aos2Format.MediaType, StringComparison.OrdinalIgnoreCase))
            return await LegacySchedule.ReadAsync(_gateway, processId, request, from, to, _address, context.CancellationToken).ConfigureAwait(false);
        var reply = await _gateway.AskAsync(new GetSchedule(processId, Math.Max(0, from ?? 0), to), context.CancellationToken).ConfigureAwait(false);
        return reply switch
        {
            SchedulePage page => ResolveResult.Ok(SchedulerReplies.Bundle(page)),
            ProcessCommandFailed failed => SchedulerReplies.Status(failed.Status, failed.Reason),
            _ => SchedulerReplies.Status(500, $"unexpected scheduler reply {reply.GetType().Name}"),
        };
    }

    private async ValueTask<ResolveResult> SlotAsync(Message @base, Message request, ResolveContext context)
    {
        if (ProcessTarget.Find(@base, request) is not { } processId) return SchedulerReplies.NoProcess();
        var reply = await _gateway.AskAsync(new GetCurrentSlot(processId), context.CancellationToken).ConfigureAwait(false);
        return reply switch
        {
            CurrentSlot slot => ResolveResult.Ok(SchedulerReplies.Slot(slot, _address)),
            ProcessCommandFailed failed => SchedulerReplies.Status(failed.Status, failed.Reason),
            _ => SchedulerReplies.Status(500, $"unexpected scheduler reply {reply.GetType().Name}"),
        };
    }

    private async ValueTask<ResolveResult> StatusAsync(Message @base, Message request, ResolveContext context)
    {
        var status = new MessageBuilder().Set("cache-control", "no-store");
        if (_address is not null) status.Set("address", _address);
        if (ProcessTarget.Find(@base, request) is not { } processId) return ResolveResult.Ok(status.Build());
        var reply = await _gateway.AskAsync(new GetProcessStatus(processId), context.CancellationToken).ConfigureAwait(false);
        return reply switch
        {
            ProcessStatus s => ResolveResult.Ok(SchedulerReplies.Status(s, status)),
            ProcessCommandFailed failed => SchedulerReplies.Status(failed.Status, failed.Reason),
            _ => SchedulerReplies.Status(500, $"unexpected scheduler reply {reply.GetType().Name}"),
        };
    }

    private async ValueTask<ResolveResult> CheckpointAsync(Message @base, Message request, ResolveContext context)
    {
        if (ProcessTarget.Find(@base, request) is not { } processId) return SchedulerReplies.NoProcess();
        if (ProcessTarget.IdText(request.Get("id")) is not { } id) return SchedulerReplies.Status(400, "checkpoint needs the id of a checkpoint.");
        var reply = await _gateway.AskAsync(new GetCheckpoint(processId, id), context.CancellationToken).ConfigureAwait(false);
        return reply switch
        {
            CheckpointFound found => ResolveResult.Ok(found.Checkpoint),
            ProcessCommandFailed failed => SchedulerReplies.Status(failed.Status, failed.Reason),
            _ => SchedulerReplies.Status(500, $"unexpected scheduler reply {reply.GetType().Name}"),
        };
    }
}
