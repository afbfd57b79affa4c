using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// A gateway that devices can hold before the actor system exists: it answers 503 until the real gateway (over the
/// shard region) is attached at start-up, then passes every command through.
/// </summary>
public sealed class DeferredProcessGateway : IProcessGateway
{
    private volatile IProcessGateway? _inner;

    public bool IsAttached => _inner is not null;

    public void Attach(IProcessGateway gateway) => _inner = gateway ?? throw new ArgumentNullException(nameof(gateway));

    public Task<object> AskAsync(IProcessCommand command, CancellationToken cancellationToken = default) =>
        _inner is { } inner
            ? inner.AskAsync(command, cancellationToken)
            : Task.FromResult<object>(new ProcessCommandFailed(command.ProcessId, 503, "the process scheduler is starting; try again shortly"));
}
