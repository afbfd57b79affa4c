using System.Net;
using System.Net.Sockets;

namespace HyperBeam.Cluster.Tests.Support;

/// <summary>Loopback ports that were free a moment ago (seeds must be known before their node starts).</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
