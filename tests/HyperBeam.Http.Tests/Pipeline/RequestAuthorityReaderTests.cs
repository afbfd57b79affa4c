using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Http.Pipeline;
using HyperBeam.Tests.Shared;
using Microsoft.AspNetCore.Http;

namespace HyperBeam.Http.Tests.Pipeline;

/// <summary>Who stands behind a request: signers over its path and method, and whether it came from the host itself.</summary>
public class RequestAuthorityReaderTests
{
    private const string Path = "/~meta@1.0/info";

    private static readonly Message Http = Message.Of(("path", Path), ("method", "POST"));

    private static HttpContext From(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return context;
    }

    private static Message SignedOverTarget(TestWallet wallet) =>
        wallet.Sign(Message.Of(("path", Path), ("method", "POST"), ("motd", "x")));

    [Fact]
    public void A_signer_over_the_path_and_method_from_another_machine_has_authority_but_is_not_the_host()
    {
        var authority = RequestAuthorityReader.Read(SignedOverTarget(TestWallet.Stranger), Http, From("203.0.113.7"), nodeAddress: null);
        Assert.True(authority.IsSignedBy(TestWallet.Stranger.Address));
        Assert.False(authority.FromHost);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.1.2", false)]
    public void Only_a_loopback_peer_is_the_host(string address, bool fromHost) =>
        Assert.Equal(fromHost, RequestAuthorityReader.Read(null, Http, From(address), nodeAddress: null).FromHost);

    [Fact]
    public void The_nodes_own_signature_is_never_authority()
    {
        var authority = RequestAuthorityReader.Read(SignedOverTarget(TestWallet.Owner), Http, From("127.0.0.1"), TestWallet.Owner.Address);
        Assert.Empty(authority.Signers);
    }

    [Fact]
    public void A_signature_that_leaves_out_the_path_or_method_is_no_authority()
    {
        var withoutTarget = TestWallet.Stranger.Sign(Message.Of(("motd", "x")));
        Assert.Empty(RequestAuthorityReader.Read(withoutTarget, Http, From("127.0.0.1"), null).Signers);

        var otherMethod = Message.Of(("path", Path), ("method", "GET"));
        Assert.Empty(RequestAuthorityReader.Read(SignedOverTarget(TestWallet.Stranger), otherMethod, From("127.0.0.1"), null).Signers);
    }

    [Fact]
    public void An_hmac_commitment_alone_names_no_signer()
    {
        var hmacOnly = HttpSigCommitments.ResetHmac(Message.Of(("path", Path), ("method", "POST")));
        Assert.Empty(RequestAuthorityReader.Read(hmacOnly, Http, From("127.0.0.1"), null).Signers);
    }
}
