using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// Runs the steps of dev_process on a state message with one resolver: <c>init</c>, <c>compute</c> of one
/// assignment, <c>normalize</c> after a state is restored, and <c>snapshot</c>. Each step swaps the process's
/// <c>execution-device</c> in (HyperBEAM's <c>run_as</c>) and, when the device comes back unchanged, swaps the
/// process device back, so the result is again a process state.
/// </summary>
public sealed class ExecutionRunner(Resolver resolver, ResolveOptions options)
{
    /// <summary>HyperBEAM's default when a process names no execution device (legacy AO modules, HyperBeam.Wasm's GenesisWasmDevice).</summary>
    public const string DefaultExecutionDevice = "genesis-wasm@1.0";

    private readonly ResolveOptions _options = options with { Hashpath = HashpathMode.Ignore };

    /// <summary>Runs the execution device's <c>init</c>; the state is then at slot −1.</summary>
    public async ValueTask<ResolveResult> InitAsync(Message state, CancellationToken cancellationToken)
    {
        var result = await RunAsAsync(state, Message.Empty.Set("path", "init"), cancellationToken).ConfigureAwait(false);
        if (!result.IsOk) return result;
        if (result.Value is not Message initialized) return NotAState("init", result.Value);
        return ResolveResult.Ok(initialized
            .Set(ProcessStateKeys.Initialized, "true")
            .Set(ProcessStateKeys.AtSlot, new AoInteger(-1)));
    }

    /// <summary>Applies the assignment of <paramref name="slot"/> to the state (HyperBEAM's <c>compute_slot</c>).</summary>
    public async ValueTask<ResolveResult> ComputeAsync(Message state, long slot, Message assignment, CancellationToken cancellationToken)
    {
        var assigned = ProcessStateKeys.ReadInteger(assignment, ProcessStateKeys.Slot);
        if (assigned != slot)
            return ResolveResult.Error($"the scheduler gave the assignment of slot {assigned?.ToString() ?? "(none)"} where slot {slot} was expected");
        var input = assignment.ContainsKey("path") ? assignment : assignment.Set("path", "compute");
        var result = await RunAsAsync(state.Remove(ProcessStateKeys.Results), input, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk) return result;
        if (result.Value is not Message next) return NotAState("compute", result.Value);
        return ResolveResult.Ok(next.Set(ProcessStateKeys.AtSlot, new AoInteger(slot)));
    }

    /// <summary>
    /// Lets the execution devices reload what they keep outside the message (a VM) from a restored state; a stack
    /// whose devices do not answer <c>normalize</c> leaves the state as it is. The <c>snapshot</c> key is dropped after.
    /// </summary>
    public async ValueTask<ResolveResult> NormalizeAsync(Message state, CancellationToken cancellationToken)
    {
        var result = await RunAsAsync(state, Message.Empty.Set("path", "normalize"), cancellationToken).ConfigureAwait(false);
        var normalized = result switch
        {
            { Status: ResolveStatus.NotFound } => state,
            { IsOk: true, Value: Message m } => m,
            { IsOk: true } => state,
            _ => null,
        };
        return normalized is null ? result : ResolveResult.Ok(normalized.Remove(ProcessStateKeys.Snapshot));
    }

    /// <summary>What the execution devices want kept to restore their hidden state (<c>snapshot</c> in map mode); null when nothing.</summary>
    public async ValueTask<Message?> SnapshotAsync(Message state, CancellationToken cancellationToken)
    {
        var request = Message.Of(("path", "snapshot"), ("mode", "Map"));
        var result = await RunAsAsync(state, request, cancellationToken).ConfigureAwait(false);
        return result is { IsOk: true, Value: Message snapshot } ? Kept(snapshot) : null;
    }

    /// <summary>
    /// As <see cref="SnapshotAsync"/>, fixed now and packed later, if still wanted, when the execution device can
    /// (<see cref="ISnapshotCapture"/>): once this completes, the snapshot is the state as it is now; the caller packs
    /// it (<see cref="CapturedSnapshot.PackAsync"/>, then <see cref="Kept"/>) or drops it. Other devices are asked
    /// <c>snapshot</c> at once (<see cref="CapturedSnapshot.Ready"/>; null when they keep nothing). Straight to the
    /// device, not through the resolver: its caller is the compute loop, on the VM's thread.
    /// </summary>
    public async ValueTask<CapturedSnapshot?> CaptureSnapshotAsync(Message state, CancellationToken cancellationToken)
    {
        var executionDevice = state.Get("execution-device") ?? AoBinary.FromString(DefaultExecutionDevice);
        var prepared = Prepare(state, executionDevice);
        if (resolver.Devices.TryLoad(prepared, out var device, out _) && device is ISnapshotCapture capture
            && await capture.CaptureSnapshotAsync(prepared).ConfigureAwait(false) is { } captured)
            return captured;
        return await SnapshotAsync(state, cancellationToken).ConfigureAwait(false) is { } snapshot ? CapturedSnapshot.Ready(snapshot) : null;
    }

    /// <summary>What of a packed capture is kept with the state (null: the devices keep nothing), as <see cref="SnapshotAsync"/> gives it.</summary>
    public static Message? Kept(Message packed) => packed.IsEmpty ? null : packed.Remove("device");

    /// <summary>
    /// Resolves <paramref name="key"/> of <paramref name="request"/> on the state with <paramref name="device"/> swapped
    /// in and the state marked a dry run (<see cref="DryRuns"/>): devices that keep state outside the message run it on
    /// a fork of that state. The result keeps the device swapped in, as process@1.0's <c>as</c> hands it on.
    /// </summary>
    public ValueTask<ResolveResult> DryRunAsync(Message state, AoValue device, string key, Message request, CancellationToken cancellationToken) =>
        resolver.ResolveAsync(DryRuns.Mark(Prepare(state, device)), request.Set("path", key), _options, cancellationToken);

    /// <summary>The process's execution device, or HyperBEAM's default for a process that names none.</summary>
    public static AoValue ExecutionDeviceOf(Message state) =>
        state.Get("execution-device") ?? (state.Get(ProcessStateKeys.Process) as Message)?.Get("execution-device") ?? AoBinary.FromString(DefaultExecutionDevice);

    private async ValueTask<ResolveResult> RunAsAsync(Message state, Message request, CancellationToken cancellationToken)
    {
        var baseDevice = state.Get("device");
        var executionDevice = state.Get("execution-device") ?? AoBinary.FromString(DefaultExecutionDevice);
        var result = await resolver.ResolveAsync(Prepare(state, executionDevice), request, _options, cancellationToken).ConfigureAwait(false);
        if (result.IsOk && result.Value is Message next && executionDevice.Equals(next.Get("device")))
            return ResolveResult.Ok(baseDevice is null ? next.Remove("device") : next.Set("device", baseDevice));
        return result;
    }

    /// <summary>HyperBEAM's <c>run_as</c> preparation: the device swapped in, the input prefix and output prefixes set.</summary>
    private static Message Prepare(Message state, AoValue device)
    {
        var prepared = state.Set("device", device);
        if (!state.ContainsKey("input-prefix")) prepared = prepared.Set("input-prefix", ProcessStateKeys.Process);
        if (state.Get("execution-output-prefixes") is { } prefixes) prepared = prepared.Set("output-prefixes", prefixes);
        return prepared;
    }

    private static ResolveResult NotAState(string step, AoValue value) =>
        ResolveResult.Error($"the execution device's {step} returned a {value.TypeName}, not a state message");
}
