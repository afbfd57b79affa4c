using System.Net;
using System.Net.Sockets;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Devices;
using HyperBeam.Devices.Relay;
using HyperBeam.Devices.Tests.Support;
using HyperBeam.Http.Singleton;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Devices.Tests;

/// <summary><c>relay@1.0</c> against a real Kestrel peer, through the resolver, from singleton paths.</summary>
public class RelayDeviceTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    private Resolver Node(Message? node = null, RelayOptions? relay = null, Func<Message, Message>? signer = null, RequestAuthority? authority = null) =>
        new(DeviceRegistry.Preloaded.AddStandardDevices(peer.Client, new StandardDeviceOptions { Relay = relay, Signer = signer }),
            new ResolveOptions { Node = node ?? Message.Empty, Authority = authority ?? RequestAuthority.None });

    private static RequestAuthority SignedBy(string address) => new(new HashSet<string> { address }, FromHost: false);

    private static Task<ResolveResult> Get(Resolver node, string path, Message? keys = null, CancellationToken cancellationToken = default) =>
        node.ResolveManyAsync(SingletonParser.Parse((keys ?? Message.Empty).Set("path", path)), cancellationToken: cancellationToken).AsTask();

    [Fact]
    public async Task Call_sends_the_message_to_a_URL_and_answers_with_the_reply()
    {
        var result = await Get(Node(), $"/~relay@1.0/call?relay-path={peer.Url}/echo/a?q=1&x=1");
        Assert.Equal(ResolveStatus.Ok, result.Status);
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Equal(200, ((AoInteger)reply.Get("status")!).Value);
        Assert.Equal("GET", reply.GetText("echo-method"));
        Assert.Equal("/echo/a?q=1", reply.GetText("echo-path"));
        Assert.Equal("1", reply.GetText("x"));
        // The relay's own keys and its device stay home.
        Assert.Null(reply.Get("relay-path"));
        Assert.Null(reply.Get("device"));
    }

    [Fact]
    public async Task What_the_relay_sends_is_marked_as_forwarded_so_no_node_takes_it_for_its_own_host()
    {
        var result = await Get(Node(), $"/~relay@1.0/call?relay-path={peer.Url}/echo/v", Message.Of(("via", "forged")));
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Contains("hyperbeam-relay", reply.GetText("via"));
    }

    [Fact]
    public async Task Relay_method_and_body_set_what_is_sent()
    {
        var result = await Get(Node(), "/~relay@1.0/call",
            Message.Of(("relay-path", $"{peer.Url}/echo/b"), ("relay-method", "POST"), ("relay-body", "payload"), ("n", 7)));
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Equal("POST", reply.GetText("echo-method"));
        Assert.Equal("payload", reply.GetText("body"));
        Assert.Equal(new AoInteger(7), reply.Get("n"));
    }

    [Fact]
    public async Task A_target_key_sends_that_message()
    {
        var target = Message.Of(("path", $"{peer.Url}/echo/t"), ("method", "PUT"), ("k", "v"));
        var result = await Node().ResolveAsync(Message.Of(("device", DeviceNames.Relay)), Message.Of(("path", "call"), ("target", "body"), ("body", target)));
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Equal("PUT", reply.GetText("echo-method"));
        Assert.Equal("/echo/t", reply.GetText("echo-path"));
        Assert.Equal("v", reply.GetText("k"));
        Assert.Null(reply.Get("body"));
    }

    [Fact]
    public async Task Requires_sign_signs_with_the_node_signer_and_the_peer_verifies_it()
    {
        var wallet = TestWallet.Owner;
        var node = Node(Message.Of(("operator", TestWallet.Stranger.Address)), signer: wallet.Sign, authority: SignedBy(TestWallet.Stranger.Address));
        var result = await Get(node, $"/~relay@1.0/call?relay-path={peer.Url}/echo/s&requires-sign=true&k=v");
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Equal(AoAtom.True, reply.Get("echo-verified"));
        Assert.Equal(AoList.Of(wallet.Address), reply.Get("echo-committers"));
    }

    [Fact]
    public async Task Requires_sign_is_refused_unless_the_operator_or_a_relay_signer_asked()
    {
        var wallet = TestWallet.Owner;
        var path = $"/~relay@1.0/call?relay-path={peer.Url}/echo/s&requires-sign=true";
        var nobody = await Get(Node(signer: wallet.Sign), path);
        Assert.Equal(new AoInteger(403), (nobody.Value as Message)?.Get("status"));

        var claimed = Message.Of(("operator", TestWallet.Owner.Address));
        var stranger = await Get(Node(claimed, signer: wallet.Sign, authority: SignedBy(TestWallet.Stranger.Address)), path);
        Assert.Equal(new AoInteger(403), (stranger.Value as Message)?.Get("status"));

        var listed = claimed.Set("relay-signers", AoList.Of(TestWallet.Stranger.Address));
        var allowed = await Get(Node(listed, signer: wallet.Sign, authority: SignedBy(TestWallet.Stranger.Address)), path);
        Assert.Equal(AoAtom.True, Assert.IsType<Message>(allowed.Value).Get("echo-verified"));
    }

    [Fact]
    public async Task Requires_sign_without_a_signer_is_an_error()
    {
        var node = Node(Message.Of(("operator", TestWallet.Stranger.Address)), authority: SignedBy(TestWallet.Stranger.Address));
        var result = await Get(node, $"/~relay@1.0/call?relay-path={peer.Url}/echo/s&requires-sign=true");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("no signer", result.ErrorMessage);
    }

    [Theory]
    [InlineData(201, ResolveStatus.Created)]
    [InlineData(204, ResolveStatus.Ok)]
    [InlineData(404, ResolveStatus.Error)]
    [InlineData(500, ResolveStatus.Failure)]
    [InlineData(503, ResolveStatus.Failure)]
    public async Task The_peer_status_sets_the_result_status(int status, ResolveStatus expected)
    {
        var result = await Get(Node(), $"/~relay@1.0/call?relay-path={peer.Url}/status/{status}");
        Assert.Equal(expected, result.Status);
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Equal(new AoInteger(status), reply.Get("status"));
        if (status != 204) Assert.Equal($"status {status}", reply.GetText("body"));
    }

    [Fact]
    public async Task Reply_headers_become_keys_but_never_private_ones()
    {
        var result = await Get(Node(), "/~relay@1.0/call", Message.Of(("relay-path", $"{peer.Url}/headers?x-a=1&priv-hashpath=forged&priv=x")));
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Equal("1", reply.GetText("x-a"));
        // The resolver links the result by hashpath in its private part; nothing the peer sent may be there.
        Assert.DoesNotContain(reply.Priv, e => e.Value.Equals(AoBinary.FromString("forged")) || e.Value.Equals(AoBinary.FromString("x")));
        Assert.Null(reply.Priv.Get("value"));
        Assert.Null(reply.Get("date"));
    }

    [Fact]
    public async Task A_peer_that_hangs_past_the_timeout_is_unavailable()
    {
        var result = await Get(Node(relay: new RelayOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) }), $"/~relay@1.0/call?relay-path={peer.Url}/hang");
        Assert.Equal(ResolveStatus.Unavailable, result.Status);
        Assert.Contains("timed out", result.ErrorMessage);
    }

    [Fact]
    public async Task An_unreachable_peer_is_unavailable()
    {
        var result = await Get(Node(), $"/~relay@1.0/call?relay-path={ClosedPortUrl()}/x");
        Assert.Equal(ResolveStatus.Unavailable, result.Status);
        Assert.Contains("failed", result.ErrorMessage);
    }

    [Fact]
    public async Task The_callers_cancellation_cancels_the_call()
    {
        using var cancel = new CancellationTokenSource();
        var call = Get(Node(), $"/~relay@1.0/call?relay-path={peer.Url}/gate/cancelled", cancellationToken: cancel.Token);
        await peer.Server.GateFor("cancelled").Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Cast_answers_before_the_peer_does_and_sends_in_the_background()
    {
        var completed = new TaskCompletionSource<ResolveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = Node(relay: new RelayOptions { CastCompleted = completed.SetResult });
        var gate = peer.Server.GateFor("cast");

        // The peer cannot answer until the gate opens, and the gate opens only after cast has answered.
        var result = await Get(node, $"/~relay@1.0/cast?relay-path={peer.Url}/gate/cast&k=v");
        Assert.Equal(ResolveStatus.Ok, result.Status);
        Assert.Equal(AoBinary.FromString("OK"), result.Value);
        Assert.False(completed.Task.IsCompleted);

        var arrived = await gate.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("v", arrived.GetText("k"));
        gate.Open.SetResult();
        var outcome = await completed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ResolveStatus.Ok, outcome.Status);
        Assert.Equal("cast", ((Message)outcome.Value).GetText("gate"));
    }

    [Fact]
    public async Task Cast_with_nothing_to_send_is_an_error_at_once()
    {
        var result = await Get(Node(), "/~relay@1.0/cast");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("relay-path", result.ErrorMessage);
    }

    [Fact]
    public async Task A_path_that_is_not_a_URL_follows_the_node_routes()
    {
        var node = Message.Of(("routes", AoList.Of(
            Message.Of(("template", "/other"), ("node", "http://127.0.0.1:1/never")),
            Message.Of(("template", "/echo/.*"), ("node", Message.Of(("prefix", peer.Url)))))));
        var result = await Get(Node(node), "/~relay@1.0/call?relay-path=/echo/routed");
        Assert.Equal("/echo/routed", Assert.IsType<Message>(result.Value).GetText("echo-path"));
    }

    [Fact]
    public async Task Several_nodes_are_tried_until_one_answers()
    {
        var node = Message.Of(("routes", AoList.Of(Message.Of(
            ("template", "/echo/.*"),
            ("nodes", AoList.Of(Message.Of(("prefix", ClosedPortUrl())), Message.Of(("prefix", peer.Url))))))));
        var result = await Get(Node(node), "/~relay@1.0/call?relay-path=/echo/cluster");
        Assert.Equal(ResolveStatus.Ok, result.Status);
        Assert.Equal("/echo/cluster", Assert.IsType<Message>(result.Value).GetText("echo-path"));
    }

    [Fact]
    public async Task A_path_no_route_knows_is_a_404()
    {
        var result = await Get(Node(), "/~relay@1.0/call?relay-path=/nowhere");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Equal(new AoInteger(404), ((Message)result.Value).Get("status"));
    }

    [Fact]
    public async Task Without_routes_only_URLs_can_be_relayed_to()
    {
        var device = new RelayDevice(peer.Client);
        var resolver = new Resolver(DeviceRegistry.Preloaded.With(device));
        var result = await resolver.ResolveAsync(Message.Of(("device", DeviceNames.Relay), ("relay-path", "/x")), "call");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("not a URL", result.ErrorMessage);
    }

    [Fact]
    public async Task A_message_that_cannot_go_as_HTTP_is_an_error()
    {
        var result = await Get(Node(), "/~relay@1.0/call", Message.Of(("relay-path", $"{peer.Url}/echo/x"), ("bad", "line\nbreak")));
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("line break", result.ErrorMessage);
    }

    [Theory]
    [InlineData("GE T")]
    [InlineData("")]
    public async Task A_method_that_is_not_an_HTTP_method_is_an_error(string method)
    {
        var result = await Get(Node(), "/~relay@1.0/call", Message.Of(("relay-path", $"{peer.Url}/echo/x"), ("relay-method", method)));
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("not an HTTP method", result.ErrorMessage);
    }

    [Fact]
    public async Task A_cast_that_fails_reports_it()
    {
        var completed = new TaskCompletionSource<ResolveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = Node(relay: new RelayOptions { CastCompleted = completed.SetResult });
        var result = await Get(node, $"/~relay@1.0/cast?relay-path={peer.Url}/status/500");
        Assert.Equal(ResolveStatus.Ok, result.Status);
        var outcome = await completed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ResolveStatus.Failure, outcome.Status);
    }

    /// <summary>A URL on a port nothing listens on (just released), so connecting is refused.</summary>
    private static string ClosedPortUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
