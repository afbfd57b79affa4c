using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;

namespace HyperBeam.Cluster.Tests.Support;

/// <summary>
/// Cuts the network for real between actor systems whose remoting runs through Akka.Remote's throttler adapter
/// (<see cref="Hocon"/>): heartbeats, gossip and messages are blackholed both ways while every process lives on.
/// </summary>
internal static class NetworkCut
{
    /// <summary>The throttler wraps the TCP transport and renames the protocol: seeds use <see cref="SeedOf"/>.</summary>
    public const string Hocon = "akka.remote.dot-netty.tcp.applied-adapters = [trttl]";

    public static string SeedOf(string systemName, int port) => $"akka.trttl.tcp://{systemName}@127.0.0.1:{port}";

    /// <summary>Blackholes all traffic, both ways, between <paramref name="isolated"/> and every one of <paramref name="others"/>.</summary>
    public static async Task IsolateAsync(ActorSystem isolated, IEnumerable<ActorSystem> others)
    {
        var isolatedAddress = AddressOf(isolated);
        foreach (var other in others)
        {
            var otherAddress = AddressOf(other);
            Assert.True(await BlackholeAsync(isolated, otherAddress), $"{isolatedAddress} could not blackhole {otherAddress}");
            Assert.True(await BlackholeAsync(other, isolatedAddress), $"{otherAddress} could not blackhole {isolatedAddress}");
        }
    }

    private static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    private static Task<bool> BlackholeAsync(ActorSystem from, Address to) =>
        ((IRemoteActorRefProvider)((ExtendedActorSystem)from).Provider).Transport.ManagementCommand(
            new SetThrottle(to, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance));
}
