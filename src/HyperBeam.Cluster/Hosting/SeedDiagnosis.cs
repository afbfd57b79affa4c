using System.Net.Sockets;
using Akka.Actor;

namespace HyperBeam.Cluster.Hosting;

/// <summary>Why a seed did not let this node join, as far as can be told from outside it.</summary>
internal static class SeedDiagnosis
{
    public static async Task<string> ExplainAsync(string seed, string systemName, TimeSpan probeTimeout)
    {
        if (!Address.TryParse(seed, out var address) || address.Host is null || address.Port is not { } port)
            return $"seed '{seed}' is not an address (akka.tcp://{systemName}@host:port)";
        if (address.System != systemName)
            return $"seed '{seed}' names actor system '{address.System}', but this node is '{systemName}': every node of a cluster must use the same system name";
        if (!await ListensAsync(address.Host, port, probeTimeout).ConfigureAwait(false))
            return $"nothing listens at {address.Host}:{port} (the seed is not running, the port is wrong, or a firewall is in the way)";
        return $"a node listens at {address.Host}:{port} but did not accept the join: its actor system name or the address it " +
               $"advertises (akka.remote.dot-netty.tcp.hostname / public-hostname) differs from '{seed}'; use exactly the address that node logs at start-up";
    }

    private static async Task<bool> ListensAsync(string host, int port, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await client.ConnectAsync(host, port, cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
