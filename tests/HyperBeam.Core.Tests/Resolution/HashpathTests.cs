using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Resolution;

/// <summary>The hashpath tests of HyperBEAM's <c>hb_path.erl</c>, one row per test, plus the resolver's use of hashpaths.</summary>
public class HashpathTests
{
    private static readonly Resolver Resolver = new();

    private static Message WithHashpath(string hashpath) => Message.Empty.Set("priv", Message.Of(("hashpath", hashpath)));

    private static readonly Dictionary<string, Action> Tests = new()
    {
        ["hashpath"] = () =>
        {
            var msg1 = Message.Empty.Set("priv", Message.Of(("empty", "message")));
            var msg2 = Message.Empty.Set("priv", Message.Of(("exciting", "message2")));
            Assert.Equal(87, Hashpath.Append(msg1, msg2).Length);
        },

        ["hashpath_direct_msg2"] = () =>
        {
            var hashpath = Hashpath.Append(Message.Of(("base", "message")), Message.Of(("path", "base")));
            Assert.Equal("base", hashpath.Split('/')[1]);
        },

        ["multiple_hashpaths"] = () =>
        {
            var msg3 = WithHashpath(Hashpath.Append(Message.Of(("empty", "message")), Message.Of(("exciting", "message2"))));
            var msg5 = Hashpath.Append(msg3, Message.Of(("exciting", "message4")));
            Assert.Equal(87, msg5.Length);
        },

        ["verify_hashpath"] = () =>
        {
            var msg1 = Message.Of(("test", "initial"));
            var msg2 = Message.Of(("firstapplied", "msg2"));
            var msg3 = WithHashpath(Hashpath.Append(msg1, msg2));
            var msg4 = WithHashpath(Hashpath.Append(msg2, msg3));
            var msg3Fake = WithHashpath(Hashpath.Append(msg4, msg2));
            Assert.True(Hashpath.Verify([msg1, msg2, msg3, msg4]));
            Assert.False(Hashpath.Verify([msg1, msg2, msg3Fake, msg4]));
        },
    };

    public static TheoryData<string> Cases() => new(Tests.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hb_path_test(string test) => Tests[test]();

    [Fact]
    public void A_fresh_base_starts_from_its_id_and_a_path_only_request_appends_its_key()
    {
        var msg = Message.Of(("a", "1"));
        Assert.Equal(MessageIds.All(msg) + "/a", Hashpath.Append(msg, Message.Of(("path", "a"))));
        // Anything besides the path makes the request count by its ID.
        var request = Message.Of(("path", "a"), ("x", "1"));
        Assert.Equal(MessageIds.All(msg) + "/" + MessageIds.All(request), Hashpath.Append(msg, request));
    }

    [Fact]
    public void A_two_part_hashpath_is_folded_with_the_base_algorithm()
    {
        var id = MessageIds.All(Message.Of(("a", "1")));
        var twoParts = id + "/a";
        var chain = Hashpath.Append(twoParts, Message.Of(("path", "b")), HashpathAlgorithm.Sha256Chain);
        var accumulate = Hashpath.Append(twoParts, Message.Of(("path", "b")), HashpathAlgorithm.Accumulate256);
        Assert.Equal(Base64Url.Encode(HashpathAlgorithms.Sha256Chain(Base64Url.Decode(id), "a"u8)) + "/b", chain);
        Assert.NotEqual(chain, accumulate);

        var asksForAccumulate = WithHashpath(twoParts).Set("hashpath-alg", "accumulate-256");
        Assert.Equal(accumulate, Hashpath.Append(asksForAccumulate, Message.Of(("path", "b"))));
    }

    [Fact]
    public void Accumulate_wraps_around_2_to_the_256()
    {
        var max = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        var chained = HashpathAlgorithms.Sha256Chain(max, "x"u8);
        var sum = HashpathAlgorithms.Accumulate(max, "x"u8);
        // max + h = h - 1 (mod 2^256)
        var expected = (byte[])chained.Clone();
        for (var i = 31; i >= 0 && expected[i]-- == 0; i--) { }
        Assert.Equal(expected, sum);
    }

    [Fact]
    public void Malformed_hashpaths_and_algorithms_are_reported_not_thrown()
    {
        Assert.False(Hashpath.TryAppend("a/b/c", "d", HashpathAlgorithm.Sha256Chain, out _, out var error));
        Assert.Contains("3 parts", error);
        Assert.False(Hashpath.TryAppend("not-an-id/b", "d", HashpathAlgorithm.Sha256Chain, out _, out _));
        Assert.False(Hashpath.TryAppend(Message.Of(("hashpath-alg", "md5")), Message.Of(("path", "a")), out _, out error));
        Assert.Contains("md5", error);
    }

    [Fact]
    public void Verify_needs_at_least_three_messages() =>
        Assert.False(Hashpath.Verify([Message.Of(("a", "1")), Message.Of(("path", "a"))]));

    [Fact]
    public async Task A_resolved_chain_verifies_and_a_tampered_one_does_not()
    {
        var msg1 = Message.Of(("a", Message.Of(("b", Message.Of(("c", "1"))))));
        var msg2 = Message.Of(("path", "a"));
        var msg3 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg1, msg2));
        Assert.True(Hashpath.Verify([msg1, msg2, msg3]));
        Assert.False(Hashpath.Verify([msg1, Message.Of(("path", "x")), msg3]));
        Assert.False(Hashpath.Verify([msg1, msg2, msg3.WithPriv(msg3.Priv.Set("hashpath", MessageIds.All(msg1) + "/x"))]));
    }

    [Fact]
    public async Task Each_step_of_a_multi_part_path_extends_the_hashpath()
    {
        var msg1 = Message.Of(("a", Message.Of(("b", Message.Of(("c", "1"))))));
        var viaPath = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg1, "a/b"));
        var step1 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg1, "a"));
        var step2 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(step1, "b"));
        Assert.Equal(step2.Priv.GetText("hashpath"), viaPath.Priv.GetText("hashpath"));
        Assert.Equal(Hashpath.Append(step1, Message.Of(("path", "b"))), viaPath.Priv.GetText("hashpath"));
    }

    [Fact]
    public async Task Hashpath_option_updates_ignores_or_resets()
    {
        var stale = Message.Of(("x", "1")).Set("priv-hashpath", "stale");
        var msg = Message.Of(("m", stale));
        var update = await Resolver.ResolveAsync(msg, "m", new ResolveOptions { Hashpath = HashpathMode.Update });
        var ignore = await Resolver.ResolveAsync(msg, "m", new ResolveOptions { Hashpath = HashpathMode.Ignore });
        var reset = await Resolver.ResolveAsync(msg, "m", new ResolveOptions { Hashpath = HashpathMode.Reset });
        Assert.Equal(MessageIds.All(msg) + "/m", update.Hashpath);
        Assert.Equal("stale", ignore.Hashpath);
        Assert.Null(reset.Hashpath);
    }

    [Fact]
    public async Task Literal_and_error_results_carry_no_hashpath()
    {
        Assert.Null((await Resolver.ResolveAsync(Message.Of(("a", "RESULT")), "a")).Hashpath);
        var failing = Resolver.Devices.With(Device.Create("fails@1.0", ("k", (_, _, _) =>
            ValueTask.FromResult(new ResolveResult(ResolveStatus.Error, Message.Of(("why", "no")).Set("priv-hashpath", "hp"))))));
        var error = await new Resolver(failing).ResolveAsync(Message.Of(("device", "fails@1.0")), "k");
        ResolveAssert.Status(ResolveStatus.Error, error);
        Assert.Null(error.Hashpath);
    }
}
