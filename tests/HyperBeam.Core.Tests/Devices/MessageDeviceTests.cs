using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Devices;

/// <summary>The tests of HyperBEAM's <c>dev_message.erl</c> (and <c>hb_private</c>'s resolver half), one row per test.</summary>
public class MessageDeviceTests
{
    private static readonly Resolver Resolver = new();
    private static readonly ResolveOptions NoHashpath = new() { Hashpath = HashpathMode.Ignore };

    private static readonly Dictionary<string, Func<Task>> Tests = new()
    {
        ["keys_from_device"] = async () =>
            ResolveAssert.Ok(AoList.Of("a"), await Resolver.ResolveAsync(Message.Of(("a", 1)), "keys")),

        ["case_insensitive_get"] = async () =>
        {
            ResolveAssert.Ok(1, await Resolver.ResolveAsync(Message.Of(("a", 1)), "a"));
            ResolveAssert.Ok(1, await Resolver.ResolveAsync(Message.Of(("A", 1)), "a"));
            ResolveAssert.Ok(1, await Resolver.ResolveAsync(Message.Of(("a", 1)), "A"));
            ResolveAssert.Ok(1, await Resolver.ResolveAsync(Message.Of(("A", 1)), "A"));
        },

        ["is_private_mod"] = () =>
        {
            Assert.True(MessageDevice.IsHidden("private"));
            Assert.True(MessageDevice.IsHidden("private.foo"));
            Assert.False(MessageDevice.IsHidden("a"));
            return Task.CompletedTask;
        },

        ["private_keys_are_filtered"] = async () =>
        {
            ResolveAssert.Ok(AoList.Of("a"), await Resolver.ResolveAsync(Message.Of(("a", 1), ("private", 2)), "keys"));
            ResolveAssert.Ok(AoList.Of("a"), await Resolver.ResolveAsync(Message.Of(("a", 1), ("priv_foo", 4)), "keys"));
        },

        ["cannot_get_private_keys"] = async () =>
            ResolveAssert.Status(ResolveStatus.NotFound,
                await Resolver.ResolveAsync(Message.Of(("a", 1), ("private_key", 2)), "private_key", NoHashpath)),

        ["key_from_device"] = async () =>
            ResolveAssert.Ok(1, await Resolver.ResolveAsync(Message.Of(("a", 1)), "a")),

        ["remove"] = async () =>
        {
            var msg = Message.Of(("key1", "Value1"), ("key2", "Value2"));
            ResolveAssert.Ok(Message.Of(("key2", "Value2")),
                await Resolver.ResolveAsync(msg, Message.Of(("path", "remove"), ("item", "key1")), NoHashpath));
            ResolveAssert.Ok(Message.Empty,
                await Resolver.ResolveAsync(msg, Message.Of(("path", "remove"), ("items", AoList.Of("key1", "key2"))), NoHashpath));
        },

        ["set_conflicting_keys"] = async () =>
            ResolveAssert.Ok(Message.Of(("dangerous", "Value2")), await Resolver.ResolveAsync(
                Message.Of(("dangerous", "Value1")), Message.Of(("path", "set"), ("dangerous", "Value2")))),

        ["unset_with_set"] = async () =>
            ResolveAssert.Ok(Message.Empty, await Resolver.ResolveAsync(
                Message.Of(("dangerous", "Value1")), Message.Of(("path", "set"), ("dangerous", MessageDevice.Unset)), NoHashpath)),

        ["deep_unset"] = async () =>
        {
            var msg1 = Message.Of(
                ("test-key1", "Value1"),
                ("deep", Message.Of(("test-key2", "Value2"), ("test-key3", "Value3"))));
            var msg2 = ResolveAssert.OkMessage(await Resolver.SetAsync(msg1, Message.Of(("deep/test-key2", MessageDevice.Unset)), NoHashpath));
            Assert.Equal(Message.Of(("test-key1", "Value1"), ("deep", Message.Of(("test-key3", "Value3")))), msg2);
            var msg3 = ResolveAssert.OkMessage(await Resolver.SetAsync(msg2, "deep/test-key3", MessageDevice.Unset, NoHashpath));
            Assert.Equal(Message.Of(("test-key1", "Value1"), ("deep", Message.Empty)), msg3);
            var msg4 = ResolveAssert.OkMessage(await Resolver.SetAsync(msg3, Message.Of(("deep", MessageDevice.Unset)), NoHashpath));
            Assert.Equal(Message.Of(("test-key1", "Value1")), msg4);
        },

        ["set_ignore_undefined"] = async () =>
            ResolveAssert.Ok(Message.Of(("test-key", "Value1")), await Resolver.ResolveAsync(
                Message.Of(("test-key", "Value1")), Message.Of(("path", "set"), ("test-key", MessageDevice.Undefined)), NoHashpath)),

        // hb_private's get_private_key_test: the private part is never reachable through the resolver.
        ["get_private_key"] = async () =>
        {
            var m1 = Message.Of(("a", 1)).Set("priv", Message.Of(("b", 2)));
            ResolveAssert.Ok(AoList.Of("a"), await Resolver.ResolveAsync(m1, "keys"));
            Assert.False((await Resolver.ResolveAsync(m1, "priv/a")).IsOk);
            Assert.False((await Resolver.ResolveAsync(m1, "priv")).IsOk);
        },
    };

    public static TheoryData<string> Cases() => new(Tests.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Dev_message_test(string test) => Tests[test]();

    [Fact]
    public async Task Set_deep_merges_nested_messages_unless_explicit()
    {
        var msg = Message.Of(("n", Message.Of(("x", 1), ("y", 2))));
        var merged = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg, Message.Of(("path", "set"), ("n", Message.Of(("y", 3))))));
        Assert.Equal(Message.Of(("x", 1), ("y", 3)), merged.GetMessage("n"));
        var replaced = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg,
            Message.Of(("path", "set"), ("set-mode", "explicit"), ("n", Message.Of(("y", 3))))));
        Assert.Equal(Message.Of(("y", 3)), replaced.GetMessage("n"));
    }

    [Fact]
    public async Task Set_keeps_the_private_part_and_never_writes_reserved_keys()
    {
        var msg = Message.Of(("a", 1)).Set("priv-secret", "s");
        var set = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg,
            Message.Of(("path", "set"), ("keys", "k"), ("id", "i"), ("b", 2)), NoHashpath));
        Assert.Equal(Message.Of(("a", 1), ("b", 2)), set);
        Assert.Equal("s", set.Priv.GetText("secret"));
    }

    [Fact]
    public async Task Set_path_sets_the_message_path()
    {
        var set = ResolveAssert.OkMessage(await Resolver.ResolveAsync(Message.Of(("a", 1)),
            Message.Of(("path", "set_path"), ("value", "x/y"))));
        Assert.Equal("x/y", set.GetText("path"));
        ResolveAssert.Ok("x/y", await Resolver.ResolveAsync(set, "path"));
    }

    [Fact]
    public async Task Id_is_the_unsigned_id_for_an_unsigned_message()
    {
        var msg = Message.Of(("a", "b"));
        var all = await Resolver.GetAsync(msg, "id");
        var none = await Resolver.ResolveAsync(msg, Message.Of(("path", "id"), ("commitments", "none")));
        Assert.Equal(43, Assert.IsType<AoBinary>(all).Text.Length);
        ResolveAssert.Ok(all!, none);
    }

    [Fact]
    public async Task Committers_lists_each_commitment_committer()
    {
        var msg = Message.Of(("a", 1), ("commitments", Message.Of(
            ("c1", Message.Of(("committer", "addr1"))),
            ("c2", Message.Of(("commitment-device", "httpsig@1.0"))))));
        ResolveAssert.Ok(AoList.Of("addr1"), await Resolver.ResolveAsync(msg, "committers"));
        ResolveAssert.Ok(AoList.Empty, await Resolver.ResolveAsync(Message.Of(("a", 1)), "committers"));
    }

    [Fact]
    public async Task Remove_without_item_is_an_error_not_an_exception() =>
        ResolveAssert.Error(ResolveErrorCodes.InvalidRequest, await Resolver.ResolveAsync(Message.Of(("a", 1)), "remove"));
}
