using HyperBeam.Core.Commitments;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Devices.Process;
using HyperBeam.Processes.Protocol;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Devices.Push;

/// <summary>
/// <c>push@1.0</c> (HyperBEAM's <c>dev_push</c>), reached as <c>/ID~process@1.0/push&amp;slot=N</c>: computes slot N
/// of the process and schedules every message of its <c>results/outbox</c> on its <c>target</c> process, then pushes
/// that slot of the target the same way, until no outbox has anything left.
/// <list type="bullet">
/// <item>Without <c>slot</c>, the request's <c>body</c> — or, without one, the request itself (its URL-given
///   <c>path</c> and <c>method</c> aside) — is scheduled first through the process's <c>scheduler-device</c> (verified,
///   trimmed to its committed keys) and its slot pushed; a message of type <c>Process</c> is only scheduled, and the
///   answer is its assignment (aoconnect's spawn reads the new process ID from its <c>process</c>).</item>
/// <item>The answer has <c>slot</c>, <c>process</c>, the slot's <c>results</c> keys while <c>result-depth</c> (default 1)
///   is above 0, and per outbox key <c>{id, target, slot, resulted-in}</c>, or <c>{response: error, status, reason}</c>.</item>
/// <item><c>push-mode: async</c> (request, then process) answers at once and pushes in the background.</item>
/// </list>
/// Pushed messages get <c>data-protocol: ao</c>, <c>variant: ao.N.1</c>, <c>type: Message</c> and <c>from-process</c>, and
/// are signed with the node's key when a signer is given. A chain of pushes stops after <see cref="MaxHops"/> hops.
/// </summary>
public sealed class PushDevice : Device
{
    public const string DeviceName = "push@1.0";
    public const int MaxHops = 32;

    private readonly IProcessGateway _gateway;
    private readonly Func<Message, Message>? _sign;

    /// <param name="gateway">How slots are scheduled and computed.</param>
    /// <param name="sign">Commits a message to push with the node's key (HyperBEAM signs them); null pushes them unsigned.</param>
    public PushDevice(IProcessGateway gateway, Func<Message, Message>? sign = null)
        : base(DeviceName, new DeviceInfo { Exports = ["push"] })
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _sign = sign;
        Map("push", PushAsync);
    }

    private async ValueTask<ResolveResult> PushAsync(Message @base, Message request, ResolveContext context)
    {
        var processId = ProcessIds.Of(@base);
        var depth = ProcessStateKeys.ReadInteger(request, "result-depth") ?? 1;
        long slot;
        if (request.ContainsKey(ProcessStateKeys.Slot))
        {
            if (ProcessStateKeys.ReadInteger(request, ProcessStateKeys.Slot) is not { } given)
                return GatewayReplies.Status(400, "slot must be an integer");
            slot = given;
        }
        else
        {
            var scheduled = await ScheduleFirstAsync(@base, request, context).ConfigureAwait(false);
            if (!scheduled.IsOk || scheduled.Value is not Message assignment) return scheduled;
            if ((assignment.Get("body") as Message)?.GetText("type") == "Process") return scheduled;
            if (ProcessStateKeys.ReadInteger(assignment, ProcessStateKeys.Slot) is not { } assigned)
                return GatewayReplies.Status(500, "the scheduler's assignment has no slot");
            slot = assigned;
            // The scheduler put the message on the process it targets: that slot is the one to push.
            processId = assignment.GetText("process") ?? processId;
        }

        var mode = request.GetText("push-mode") ?? @base.GetText("push-mode") ?? (@base.Get("process") as Message)?.GetText("push-mode");
        if (mode == "async")
        {
            // The push outlives the request: it must not be cancelled with it.
            _ = Task.Run(() => PushSlotAsync(processId, slot, depth, 0, CancellationToken.None));
            return ResolveResult.Ok(Message.Of(("status", 200), ("slot", slot), ("process", processId), ("push-mode", "async")));
        }
        var pushed = await PushSlotAsync(processId, slot, depth, 0, context.CancellationToken).ConfigureAwait(false);
        return pushed.Get("response") is AoBinary { Text: "error" } && pushed.Get("status") is AoInteger status
            ? new ResolveResult(status.Value == 404 ? ResolveStatus.NotFound : ResolveStatus.Error, pushed, pushed.GetText("reason"))
            : ResolveResult.Ok(pushed);
    }

    /// <summary>
    /// HyperBEAM's <c>schedule_initial_message</c>: the request's <c>body</c>, or else the request itself (as aoconnect
    /// sends a message or a new process), is scheduled by the process's <c>scheduler-device</c>, which verifies it and
    /// keeps only its committed keys. The request's <c>path</c> and <c>method</c> come from the URL, not from the
    /// signer, so they do not travel with it.
    /// </summary>
    private static ValueTask<ResolveResult> ScheduleFirstAsync(Message @base, Message request, ResolveContext context)
    {
        var toSchedule = request.Get("body") as Message ?? request.Without("path", "method");
        var scheduler = @base.Get("scheduler-device") ?? AoBinary.FromString(ProcessDevice.DefaultSchedulerDevice);
        return context.ResolveAsync(
            ProcessIds.WithProcessKey(@base).Set("device", scheduler),
            Message.Of(("path", "schedule"), ("method", "POST"), ("body", toSchedule)));
    }

    /// <summary>Computes the slot and pushes its outbox; errors come back as <c>{response: error, …}</c> messages.</summary>
    private async Task<Message> PushSlotAsync(string processId, long slot, long depth, int hops, CancellationToken cancellationToken)
    {
        var reply = await _gateway.AskAsync(new ComputeRequest(processId, slot), cancellationToken).ConfigureAwait(false);
        if (reply is not Computed computed)
        {
            var failed = reply as ProcessCommandFailed;
            return Error(failed?.Status ?? 500, failed?.Reason ?? $"unexpected {reply.GetType().Name}", ("process", processId), ("slot", slot));
        }
        var results = computed.State.Get(ProcessStateKeys.Results) as Message ?? Message.Empty;
        var answer = (depth > 0 ? results : Message.Empty).Set("slot", slot).Set("process", processId);
        if (results.Get("outbox") is not Message outbox) return answer;
        foreach (var (key, item) in outbox.Entries.ToArray())
            answer = answer.Set(key, await PushOneAsync(processId, slot, key, item, depth, hops, cancellationToken).ConfigureAwait(false));
        return answer;
    }

    private async Task<Message> PushOneAsync(string processId, long slot, string key, AoValue item, long depth, int hops, CancellationToken cancellationToken)
    {
        if (item is not Message message || message.GetText("target") is not { Length: > 0 } rawTarget)
            return Error(422, "No target process found.", ("outbox-index", key), ("message", item));
        var target = rawTarget.Split('?', '&')[0];
        var toPush = message
            .Set("data-protocol", "ao")
            .Set("variant", "ao.N.1")
            .Set("type", "Message")
            .Set(PushedMessages.FromProcessKey, processId);
        if (_sign is not null) toPush = _sign(toPush);

        var reply = await _gateway.AskAsync(new Schedule(target, toPush), cancellationToken).ConfigureAwait(false);
        if (reply is not Scheduled scheduled)
        {
            var failed = reply as ProcessCommandFailed;
            return Error(failed?.Status ?? 500, failed?.Reason ?? $"unexpected {reply.GetType().Name}", ("target", target));
        }
        var downstream = hops + 1 >= MaxHops
            ? Error(508, $"push stopped after {MaxHops} hops", ("target", target))
            : await PushSlotAsync(target, scheduled.Slot, depth - 1, hops + 1, cancellationToken).ConfigureAwait(false);
        return Message.Of(
            ("id", MessageIds.All(toPush)),
            ("target", target),
            ("slot", scheduled.Slot),
            ("resulted-in", downstream));
    }

    private static Message Error(long status, string reason, params (string Key, object? Value)[] extra)
    {
        var error = Message.Of(("response", "error"), ("status", status), ("reason", reason));
        foreach (var (key, value) in extra) error = error.Set(key, AoValue.From(value));
        return error;
    }
}
