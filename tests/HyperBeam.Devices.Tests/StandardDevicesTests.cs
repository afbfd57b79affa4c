using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Devices;
using HyperBeam.Devices.Relay;
using HyperBeam.Devices.Tests.Support;
using HyperBeam.Http.Singleton;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Devices.Tests;

public class StandardDevicesTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    [Fact]
    public void Adds_relay_and_router_beside_the_preloaded_devices()
    {
        var registry = DeviceRegistry.Preloaded.AddStandardDevices(peer.Client);
        Assert.True(registry.TryGet(DeviceNames.Relay, out var relay));
        Assert.IsType<RelayDevice>(relay);
        Assert.True(registry.TryGet(DeviceNames.Router, out _));
        Assert.True(registry.TryGet(MessageDevice.DeviceName, out _));
        Assert.True(registry.TryGet(StackDevice.DeviceName, out _));
    }

    [Fact]
    public async Task A_route_added_through_the_router_is_the_one_the_relay_follows()
    {
        var owner = TestWallet.Owner;
        var resolver = new Resolver(
            DeviceRegistry.Preloaded.AddStandardDevices(peer.Client),
            new ResolveOptions { Node = Message.Of(("route-owners", AoList.Of(owner.Address))) });
        var route = owner.Sign(Message.Of(("template", "/echo/.*"), ("node", Message.Of(("prefix", peer.Url)))));

        var before = await resolver.ResolveManyAsync(SingletonParser.Parse("/~relay@1.0/call?relay-path=/echo/shared"));
        Assert.Equal(ResolveStatus.Error, before.Status);
        var added = await resolver.ResolveManyAsync(SingletonParser.Parse(Message.Of(("path", "/~router@1.0/routes"), ("method", "POST"), ("body", route))));
        Assert.Equal(ResolveStatus.Ok, added.Status);
        var after = await resolver.ResolveManyAsync(SingletonParser.Parse("/~relay@1.0/call?relay-path=/echo/shared"));
        Assert.Equal("/echo/shared", Assert.IsType<Message>(after.Value).GetText("echo-path"));
    }

    [Fact]
    public async Task The_pooled_client_takes_its_limits_from_the_options()
    {
        using var client = RelayHttpClient.Create(new RelayOptions { MaxReplyBytes = 16 });
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
        Assert.Equal(16, client.MaxResponseContentBufferSize);
        var resolver = new Resolver(DeviceRegistry.Preloaded.AddStandardDevices(client));
        var result = await resolver.ResolveManyAsync(SingletonParser.Parse($"/~relay@1.0/call?relay-path={peer.Url}/echo/big&relay-method=POST&relay-body=" + new string('x', 100)));
        Assert.Equal(ResolveStatus.Unavailable, result.Status);
        Assert.Contains("16", result.ErrorMessage);
    }
}
