using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Devices.Process;

/// <summary>
/// <c>process@1.0</c> (HyperBEAM's <c>dev_process</c>) on a process message (loaded by ID, e.g.
/// <c>/ID~process@1.0/compute&amp;slot=1/results/outbox/1/data</c>) or on a state it returned.
/// <list type="bullet">
/// <item><c>compute</c>: with <c>slot</c> = N, the state after slot N (computed by the process's compute child, which
///   runs the <c>execution-device</c> from the last state); without, the state at the current slot. Later path parts
///   read the state (<c>results</c>, <c>at-slot</c>, …).</item>
/// <item><c>now</c>: the state at the current slot.</item>
/// <item><c>slot</c>, <c>schedule</c>, <c>status</c>: resolved by the process's <c>scheduler-device</c> (default
///   <c>scheduler@1.0</c>) on the same message.</item>
/// <item><c>push</c>: resolved by the process's <c>push-device</c> (default <c>push@1.0</c>).</item>
/// <item><c>as</c> (<c>/PID~process@1.0/as=execution/compute&amp;Action=…</c>, aoconnect's dryrun): later path parts
///   run with the process's <c>&lt;as&gt;-device</c> (or the device named) without scheduling anything or changing the
///   process. On a process with its execution device (<c>as=execution</c>) each later key is a <see cref="DryRun"/>
///   evaluated by the process's own compute worker on the latest computed state, on a fork of what the devices keep
///   outside the message (a Lua VM's globals, an AOS instance's memory), so it sees the live state wherever in the
///   cluster the process computes. Otherwise (another role, or a base that is already a state) the state is handed on
///   with the device swapped and marked a dry run.</item>
/// <item><c>results</c> on a state: its <c>results</c>; with <c>results=N</c> (aoconnect's
///   <c>compute/results=N</c>) those of slot N, and with <c>results=ID</c> those of the slot that message was assigned.</item>
/// </list>
/// Compute requests reach the process entity through <see cref="IProcessGateway"/>; their failures come back with
/// the entity's status (400 bad slot, 404 unknown process or unassigned slot, 503 busy).
/// </summary>
public sealed class ProcessDevice : Device
{
    public const string DeviceName = ProcessStateKeys.ProcessDevice;
    public const string DefaultSchedulerDevice = "scheduler@1.0";
    public const string DefaultPushDevice = "push@1.0";

    /// <summary>The private key of an <c>as</c> result whose keys go to the process's compute worker: the device to run them with.</summary>
    private const string DryRunDeviceKey = "priv-dry-run-device";

    private readonly IProcessGateway _gateway;
    private readonly DeviceInfo _dryRunInfo;

    public ProcessDevice(IProcessGateway gateway)
        : base(DeviceName, new DeviceInfo { Exports = ["compute", "now", "slot", "schedule", "status", "push", "as", "results"] })
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        Map("compute", ComputeAsync);
        Map("now", NowAsync);
        Map("slot", RunAsScheduler);
        Map("schedule", RunAsScheduler);
        Map("status", RunAsScheduler);
        Map("push", (b, r, c) => RunAsAsync("push", DefaultPushDevice, b, r, c));
        Map("as", AsAsync);
        Map("results", ResultsAsync);
        _dryRunInfo = new DeviceInfo { Handler = DryRunOnWorkerAsync };
    }

    /// <summary>An <c>as</c> result that runs on the compute worker answers every key there.</summary>
    public override DeviceInfo InfoFor(Message @base) => DryRunDeviceOf(@base) is null ? Info : _dryRunInfo;

    private static string? DryRunDeviceOf(Message @base) => @base.Priv.GetText(MessageKeys.PrivateSuffix(DryRunDeviceKey));

    private async ValueTask<ResolveResult> DryRunOnWorkerAsync(Message @base, Message request, ResolveContext context)
    {
        var device = DryRunDeviceOf(@base)!;
        var reply = await _gateway.AskAsync(new DryRun(ProcessIds.Of(@base), context.Key, request.WithoutPriv(), device), context.CancellationToken).ConfigureAwait(false);
        return reply switch
        {
            DryRunEvaluated { Status: var status } evaluated when Enum.TryParse<ResolveStatus>(status, out var kind) =>
                new ResolveResult(kind, evaluated.Value is Message state ? AsProcessState(state, device) : evaluated.Value, evaluated.Error),
            ProcessCommandFailed failed => GatewayReplies.Failed(failed),
            _ => GatewayReplies.Unexpected(reply),
        };
    }

    private async ValueTask<ResolveResult> AsAsync(Message @base, Message request, ResolveContext context)
    {
        if (request.GetText("as") is not { Length: > 0 } role) return GatewayReplies.Status(400, "as needs a role (execution, scheduler, push) or a device");
        if (!@base.ContainsKey(ProcessStateKeys.AtSlot) && OnTheWorker(@base, role) is { } executionDevice)
            return ResolveResult.Ok(DryRuns.Mark(ProcessIds.WithProcessKey(@base)).Set(DryRunDeviceKey, AoBinary.FromString(executionDevice)));
        var state = @base;
        if (!@base.ContainsKey(ProcessStateKeys.AtSlot))
        {
            var now = await AskComputeAsync(@base, null, context).ConfigureAwait(false);
            if (!now.IsOk || now.Value is not Message computed) return now;
            state = computed;
        }
        var device = role.Contains('@', StringComparison.Ordinal)
            ? AoBinary.FromString(role)
            : state.Get(role + "-device") ?? (state.Get(ProcessStateKeys.Process) as Message)?.Get(role + "-device");
        return device is null
            ? GatewayReplies.Status(400, $"the process names no {role}-device")
            : ResolveResult.Ok(DryRuns.Mark(state.Set("device", device)));
    }

    /// <summary>
    /// A state the dry run left (as <c>run_as</c> does) back on process@1.0, so later keys read it here rather than run
    /// the execution device on a node that holds none of the process's live state; still marked a dry run.
    /// </summary>
    private static Message AsProcessState(Message state, string device) =>
        DryRuns.Mark(state.GetText("device") == device ? state.Set("device", DeviceName) : state);

    /// <summary>The execution device when <paramref name="role"/> names it (the role or the device): then the compute worker runs it.</summary>
    private static string? OnTheWorker(Message process, string role)
    {
        var execution = ExecutionRunner.ExecutionDeviceOf(process) is AoBinary name ? name.Text : null;
        var wanted = role.Contains('@', StringComparison.Ordinal) ? role
            : role == "execution" ? execution
            : null;
        return wanted is not null && string.Equals(wanted, execution, StringComparison.OrdinalIgnoreCase) ? execution : null;
    }

    private async ValueTask<ResolveResult> ResultsAsync(Message @base, Message request, ResolveContext context)
    {
        var wanted = request.GetText("results");
        long? slot = wanted is null ? null : ProcessStateKeys.ReadInteger(request, "results");
        if (wanted is not null && slot is null)
        {
            if (!Core.Messages.MessageKeys.IsIdShaped(wanted)) return GatewayReplies.Status(400, $"results names a slot or a message ID, not '{wanted}'");
            var found = await ScheduleSearch.SlotOfAsync(_gateway, ProcessIds.Of(@base), wanted, context.CancellationToken).ConfigureAwait(false);
            if (found.Slot is not { } assigned) return found.Error;
            slot = assigned;
        }
        var state = @base;
        if (slot is { } n && ProcessStateKeys.ReadInteger(@base, ProcessStateKeys.AtSlot) != n)
        {
            var computed = await AskComputeAsync(@base, n, context).ConfigureAwait(false);
            if (!computed.IsOk || computed.Value is not Message atSlot) return computed;
            state = atSlot;
        }
        return state.Get(ProcessStateKeys.Results) is { } results
            ? ResolveResult.Ok(results)
            : GatewayReplies.Status(404, "the state has no results");
    }

    private ValueTask<ResolveResult> ComputeAsync(Message @base, Message request, ResolveContext context)
    {
        long? slot = null;
        if (request.ContainsKey(ProcessStateKeys.Slot))
        {
            slot = ProcessStateKeys.ReadInteger(request, ProcessStateKeys.Slot);
            if (slot is null) return ValueTask.FromResult(GatewayReplies.Status(400, $"slot must be an integer, not {request.Get(ProcessStateKeys.Slot)}"));
        }
        return AskComputeAsync(@base, slot, context);
    }

    private ValueTask<ResolveResult> NowAsync(Message @base, Message request, ResolveContext context) =>
        AskComputeAsync(@base, null, context);

    private async ValueTask<ResolveResult> AskComputeAsync(Message @base, long? slot, ResolveContext context)
    {
        var processId = ProcessIds.Of(@base);
        var reply = await _gateway.AskAsync(new ComputeRequest(processId, slot), context.CancellationToken).ConfigureAwait(false);
        return reply switch
        {
            Computed computed => ResolveResult.Ok(computed.State),
            ProcessCommandFailed failed => GatewayReplies.Failed(failed),
            _ => GatewayReplies.Unexpected(reply),
        };
    }

    private static ValueTask<ResolveResult> RunAsScheduler(Message @base, Message request, ResolveContext context) =>
        RunAsAsync("scheduler", DefaultSchedulerDevice, @base, request, context);

    /// <summary>
    /// HyperBEAM's <c>run_as</c>: resolves the request with the process's <c>&lt;role&gt;-device</c> swapped in, and
    /// swaps this device back when the result still names the one swapped in.
    /// </summary>
    private static async ValueTask<ResolveResult> RunAsAsync(string role, string defaultDevice, Message @base, Message request, ResolveContext context)
    {
        var device = @base.Get(role + "-device") ?? AoBinary.FromString(defaultDevice);
        var prepared = ProcessIds.WithProcessKey(@base).Set("device", device);
        if (!@base.ContainsKey("input-prefix")) prepared = prepared.Set("input-prefix", ProcessStateKeys.Process);
        if (@base.Get(role + "-output-prefixes") is { } prefixes) prepared = prepared.Set("output-prefixes", prefixes);
        var result = await context.ResolveAsync(prepared, request).ConfigureAwait(false);
        if (result.IsOk && result.Value is Message next && device.Equals(next.Get("device")))
            return ResolveResult.Ok(@base.Get("device") is { } own ? next.Set("device", own) : next.Remove("device"));
        return result;
    }
}
