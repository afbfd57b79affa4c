namespace HyperBeam.Processes.Protocol;

/// <summary>
/// How devices (which run inside a resolution, outside any actor) reach process entities: an ask through the
/// shard region. Replies are the records of this namespace; a timeout comes back as a 503
/// <see cref="ProcessCommandFailed"/>, never as an exception.
/// </summary>
public interface IProcessGateway
{
    Task<object> AskAsync(IProcessCommand command, CancellationToken cancellationToken = default);
}
