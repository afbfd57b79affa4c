using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Storage.Tests.Caching;

/// <summary>hb_cache_control's eunit tests as a table, plus the parsing this port adds (comma-separated values).</summary>
public sealed class CacheControlTests
{
    /// <summary>node directives; result's and request's cache-control (null: the key is absent); expected store/lookup/only-if-cached.</summary>
    public static TheoryData<string, string, string?, string?, bool, bool, bool> Precedence => new()
    {
        // opts_override_message_settings_test: the node has the final say.
        { "opts override messages", "always", "no-cache", "no-store", true, true, false },
        // msg_precidence_overrides_test: the result beats the request.
        { "result over request", "", "no-store", "always", false, true, false },
        // no_store_directive_test, no_cache_directive_test, only_if_cached_directive_test.
        { "no-store", "", null, "no-store", false, false, false },
        { "no-cache", "", null, "no-cache", false, false, false },
        { "only-if-cached", "", null, "only-if-cached", false, false, true },
        // multiple_directives_test.
        { "several in one source", "", null, "no-store, no-cache, only-if-cached", false, false, true },
        // empty_message_list_test, message_without_cache_control_test: nothing said, nothing done.
        { "nobody speaks", "", null, null, false, false, false },
        { "request asks for both", "", null, "always", true, true, false },
        { "store and cache", "", null, "store,cache", true, true, false },
        { "always beats no-store in one list", "", null, "no-store, always", true, true, false },
        { "node silent on lookup", "no-store", null, "always", false, true, false },
        { "result silent defers to request", "", "only-if-cached", "store", true, false, true },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void Sources_rank_node_then_result_then_request(string name, string node, string? result, string? request,
        bool store, bool lookup, bool onlyIfCached)
    {
        _ = name;
        var policy = new CacheControl(CacheDirectives.Parse(node));
        Assert.Equal(new CacheSettings(store, lookup, onlyIfCached), policy.Derive(WithCc(result), WithCc(request)));
        Assert.Equal(store, policy.ShouldStore(WithCc(request), WithCc(result)));
    }

    [Fact]
    public void Ignored_hashpaths_prevent_storing_whatever_anyone_asks()
    {
        // hashpath_ignore_prevents_storage_test, and it holds against an insistent request.
        var policy = new CacheControl(CacheDirectives.None, hashpathIgnored: true);
        Assert.Equal(CacheSettings.Default, policy.Derive());
        Assert.False(policy.ShouldStore(WithCc("always"), Message.Empty));
        Assert.True(policy.ShouldLookup(null, WithCc("always")));
    }

    [Fact]
    public void Looking_up_ranks_the_base_message_over_the_request()
    {
        var policy = CacheControl.Default;
        Assert.False(policy.ShouldLookup(WithCc("no-cache"), WithCc("always")));
        Assert.True(policy.ShouldLookup(WithCc("cache"), WithCc("no-cache")));
        Assert.True(policy.ShouldLookup(null, WithCc("always")));
        Assert.True(policy.OnlyIfCached(null, WithCc("only-if-cached")));
        Assert.False(policy.OnlyIfCached(WithCc("store"), null));
    }

    [Fact]
    public void A_binary_result_has_no_say_only_a_message_result_does()
    {
        var policy = CacheControl.Default;
        Assert.True(policy.ShouldStore(WithCc("store"), AoBinary.FromString("no-store")));
        Assert.False(policy.ShouldStore(WithCc("store"), WithCc("no-store")));
    }

    [Theory]
    // opts_source_cache_control_test and message_source_cache_control_test, then the forms values come in.
    [InlineData("no-store", false, null, null)]
    [InlineData("no-cache", null, false, null)]
    [InlineData("NO-STORE, No-Cache", false, false, null)]
    [InlineData("\"no-store\", \"only-if-cached\"", false, null, true)]
    [InlineData("max-age=0, store", true, null, null)]
    [InlineData("", null, null, null)]
    [InlineData(" , ,", null, null, null)]
    public void Directives_parse_from_text(string text, bool? store, bool? lookup, bool? onlyIfCached)
    {
        Assert.Equal(new CacheDirectives(store, lookup, onlyIfCached), CacheDirectives.Parse(text));
    }

    [Fact]
    public void Directives_parse_from_lists_atoms_and_messages()
    {
        Assert.Equal(new CacheDirectives(false, false, null), CacheDirectives.From(AoList.Of("no-store", "no-cache")));
        Assert.Equal(new CacheDirectives(true, true, null), CacheDirectives.From(AoAtom.Of("always")));
        Assert.Equal(new CacheDirectives(null, null, true), CacheDirectives.Of(WithCc("only-if-cached")));
        Assert.Equal(CacheDirectives.None, CacheDirectives.Of(Message.Of(("other", "no-store"))));
        Assert.Equal(CacheDirectives.None, CacheDirectives.Of(null));
        Assert.Equal(CacheDirectives.None, CacheDirectives.From(new AoInteger(1)));
    }

    [Fact]
    public void The_node_policy_follows_each_change_of_the_node_option_and_of_the_hashpath_mode()
    {
        // The policy built from the node's option is reused while the option is the same value; any other value, an
        // equal one included, or another hashpath mode is read afresh.
        var store = new ResolveOptions { Node = Message.Of(("cache_control", "always")) };
        var noStore = new ResolveOptions { Node = Message.Of(("cache_control", AoList.Of("no-store", "no-cache"))) };
        var ignored = store with { Hashpath = HashpathMode.Ignore };
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(new CacheDirectives(true, true, null), StoreResolutionCache.ControlFor(store).Node);
            Assert.Equal(new CacheDirectives(true, true, null), StoreResolutionCache.ControlFor(store).Node);
            Assert.Equal(new CacheDirectives(false, false, null), StoreResolutionCache.ControlFor(noStore).Node);
            Assert.Equal(new CacheDirectives(false, true, null), StoreResolutionCache.ControlFor(ignored).Node);
            Assert.Equal(CacheDirectives.None, StoreResolutionCache.ControlFor(new ResolveOptions { Node = Message.Empty }).Node);
        }
    }

    private static Message? WithCc(string? cacheControl) =>
        cacheControl is null ? null : Message.Of((CacheDirectives.Key, cacheControl));
}
