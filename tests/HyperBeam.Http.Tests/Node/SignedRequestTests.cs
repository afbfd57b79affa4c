using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>Signed requests: verified at the door, trimmed to what the signature covers, and optionally required.</summary>
public class SignedRequestTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    [Fact]
    public async Task A_signed_request_is_verified_and_its_signed_keys_are_used()
    {
        await using var node = await TestNode.StartAsync();
        var signed = HttpSigCommitments.Commit(Message.Of(("note", "signed value")), signer.Wallet);
        using var response = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Get, "/~message@1.0/note", signed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("signed value", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_whose_signed_header_was_changed_is_refused()
    {
        await using var node = await TestNode.StartAsync();
        var signed = HttpSigCommitments.Commit(Message.Of(("note", "signed value")), signer.Wallet);
        using var request = HttpMessages.Request(HttpMethod.Get, "/~message@1.0/note", signed);
        request.Headers.Remove("note");
        request.Headers.Add("note", "forged value");
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signature", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_added_outside_the_signature_are_dropped()
    {
        await using var node = await TestNode.StartAsync();
        var signed = HttpSigCommitments.Commit(Message.Of(("note", "signed value")), signer.Wallet);
        using var request = HttpMessages.Request(HttpMethod.Get, "/~message@1.0/extra", signed);
        request.Headers.Add("extra", "smuggled");
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Query_keys_outside_the_signature_neither_ride_along_nor_override_signed_ones()
    {
        await using var node = await TestNode.StartAsync();
        var signed = HttpSigCommitments.Commit(Message.Of(("note", "signed value")), signer.Wallet);

        using var overridden = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Get, "/~message@1.0/note?note=forged", signed));
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        Assert.Equal("signed value", await overridden.Content.ReadAsStringAsync());

        using var smuggled = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Get, "/~message@1.0/extra?extra=smuggled", signed));
        Assert.Equal(HttpStatusCode.NotFound, smuggled.StatusCode);
    }

    [Fact]
    public async Task Query_keys_outside_a_body_codecs_signature_are_dropped_too()
    {
        await using var node = await TestNode.StartAsync();
        var signed = HttpSigCommitments.Commit(Message.Of(("note", "signed value")), signer.Wallet);
        using var smuggled = await node.Client.SendAsync(
            HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/extra?extra=smuggled", "json@1.0", JsonCodec.Encode(signed)));
        Assert.Equal(HttpStatusCode.NotFound, smuggled.StatusCode);
    }

    [Fact]
    public async Task Query_keys_of_a_request_signed_over_its_path_are_kept()
    {
        await using var node = await TestNode.StartAsync();
        using var response = await node.Client.SendAsync(
            HttpMessages.Signed(HttpMethod.Get, "/~message@1.0/extra?extra=signed-in-path", Message.Empty, signer.Wallet));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("signed-in-path", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_node_that_forces_signed_requests_refuses_unsigned_ones_and_accepts_signed_ones()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("force_signed_requests", true));
        using var unsigned = await node.Client.GetAsync("/~message@1.0&a=1/a");
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Contains("signed", await unsigned.Content.ReadAsStringAsync());

        var signed = HttpSigCommitments.Commit(Message.Of(("a", "1")), signer.Wallet);
        using var ok = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Get, "/~message@1.0/a", signed));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_node_that_forces_signed_replies_signs_them_with_its_wallet()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("force_signed", true));
        using var response = await node.Client.GetAsync("/~message@1.0&m+map=x=1/m");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await HttpMessages.DecodeReplyAsync(response);
        Assert.Equal([node.Node.Address!], HttpSigCommitments.Committers(reply));
        Assert.True(HttpSigCommitments.Verify(reply));
    }
}
