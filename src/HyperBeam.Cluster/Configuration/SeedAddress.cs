using Akka.Actor;

namespace HyperBeam.Cluster.Configuration;

/// <summary>Seed addresses as operators type them: a full Akka address, or <c>host:port</c> for short.</summary>
public static class SeedAddress
{
    /// <summary>
    /// The seed as a full address. A full address naming another system is kept as typed (the join then fails and
    /// the node says why), because an operator may be pointing at the wrong cluster and must see that.
    /// </summary>
    public static string Normalize(string seed, string systemName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seed);
        var text = seed.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Address.TryParse(text, out var parsed) || parsed.Host is null || parsed.Port is null)
                throw new ClusterOptionsException("seed", seed, "akka.tcp://<system>@<host>:<port> or <host>:<port>");
            return parsed.ToString();
        }
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new ClusterOptionsException("seed", seed, "akka.tcp://<system>@<host>:<port> or <host>:<port>");
        return $"akka.tcp://{systemName}@{text[..colon]}:{port}";
    }
}
