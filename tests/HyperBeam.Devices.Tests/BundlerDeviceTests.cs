using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using HyperBeam.Devices.Bundler;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Devices.Tests;

/// <summary>Uploads: a user's signed item kept content-addressed under the ID its signer gave it, nothing else.</summary>
public sealed class BundlerDeviceTests : IClassFixture<BundlerDeviceTests.Signer>
{
    private static readonly Message Bundler = Message.Of(("device", BundlerDevice.DeviceName));
    private readonly MessageCache _cache = new(new MemoryStore());
    private readonly Wallet _wallet;
    private readonly Resolver _resolver;

    public BundlerDeviceTests(Signer signer)
    {
        _wallet = signer.Wallet;
        _resolver = new Resolver(DeviceRegistry.Preloaded.With(new BundlerDevice(_cache)));
    }

    public sealed class Signer : IDisposable
    {
        public Wallet Wallet { get; } = Wallet.Create();

        public void Dispose() => Wallet.Dispose();
    }

    private Task<ResolveResult> UploadAsync(Message item, Message? node = null)
    {
        var resolver = node is null ? _resolver : new Resolver(DeviceRegistry.Preloaded.With(new BundlerDevice(_cache)), new ResolveOptions { Node = node });
        return resolver.ResolveAsync(Bundler, item.Set("path", "tx").Set("method", "POST")).AsTask();
    }

    [Fact]
    public async Task A_signed_data_item_is_kept_under_its_item_id_with_its_signature()
    {
        var item = Ans104Codec.Commit(Message.Of(("content-type", "application/lua"), ("data", "return 1")), _wallet);
        var itemId = Ans104Codec.ToItem(item).Id;

        var uploaded = await UploadAsync(item);

        Assert.True(uploaded.IsOk, uploaded.ToString());
        Assert.Equal(itemId, uploaded.Message!.GetText("id"));
        var stored = await _cache.ReadAsync(itemId);
        Assert.NotNull(stored);
        Assert.Equal("return 1", stored!.GetText("data"));
        Assert.True(Ans104Codec.Verify(stored));
    }

    [Fact]
    public async Task An_httpsig_signed_message_is_kept_too()
    {
        var message = HttpSigCommitments.Commit(Message.Of(("greeting", "hello")), _wallet);

        var uploaded = await UploadAsync(message);

        Assert.True(uploaded.IsOk, uploaded.ToString());
        Assert.Equal("hello", (await _cache.ReadAsync(uploaded.Message!.GetText("id")!))!.GetText("greeting"));
    }

    [Fact]
    public async Task An_unsigned_item_is_refused_and_not_kept()
    {
        var uploaded = await UploadAsync(Message.Of(("data", "anything")));

        Assert.Equal(new AoInteger(400), uploaded.Message!.Get("status"));
        Assert.Equal("unsigned-item", uploaded.Message!.GetText("details"));
    }

    [Fact]
    public async Task A_changed_item_does_not_verify_and_is_not_kept()
    {
        var item = Ans104Codec.Commit(Message.Of(("data", "signed")), _wallet);
        var forged = item.Set("data", "changed");

        var uploaded = await UploadAsync(forged);

        Assert.Equal(new AoInteger(400), uploaded.Message!.Get("status"));
        Assert.Equal("signature-verification-failed", uploaded.Message!.GetText("details"));
        Assert.Null(await _cache.ReadAsync(Ans104Codec.ToItem(item).Id));
    }

    [Fact]
    public async Task An_item_over_the_size_limit_is_a_413()
    {
        var item = Ans104Codec.Commit(Message.Of(("data", new string('x', 2048))), _wallet);

        var uploaded = await UploadAsync(item, Message.Of((BundlerDevice.MaxItemBytesOption, 1024)));

        Assert.Equal(new AoInteger(413), uploaded.Message!.Get("status"));
        Assert.Null(await _cache.ReadAsync(Ans104Codec.ToItem(item).Id));
    }
}
