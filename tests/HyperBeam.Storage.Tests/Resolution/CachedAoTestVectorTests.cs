using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Resolution;
using HyperBeam.Core.Tests.Support;
using HyperBeam.Storage.Caching;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Storage.Tests.Resolution;

/// <summary>
/// HyperBEAM's hb_ao_test_vectors under its four <c>test_opts</c> profiles, each over a fresh real store (RocksDB in
/// a temp folder), with the resolver's cache stages live. The profiles are HyperBEAM's, node option for node option.
/// </summary>
public sealed class CachedAoTestVectorTests
{
    private static readonly Resolver Resolver = new(TestDevices.Registry);

    /// <summary>HyperBEAM's test_opts: name → (hashpath mode, node cache_control).</summary>
    public static readonly IReadOnlyDictionary<string, (HashpathMode Hashpath, string[] CacheControl)> Profiles =
        new Dictionary<string, (HashpathMode, string[])>
        {
            ["no_cache"] = (HashpathMode.Ignore, ["no-cache", "no-store"]),
            ["only_store"] = (HashpathMode.Update, ["no-cache"]),
            ["only_if_cached"] = (HashpathMode.Ignore, ["only-if-cached"]),
            // HyperBEAM's default node options (hb_opts): no-cache, no-store.
            ["normal"] = (HashpathMode.Update, ["no-cache", "no-store"]),
        };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var test in AoTestVectors.Tests.Keys)
            foreach (var profile in Profiles.Keys)
                data.Add(test, profile);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hb_ao_test_vector_with_a_store(string test, string profile)
    {
        using var folder = new TempFolder();
        await using var store = new RocksDbStore(folder.Path);
        var (hashpath, cacheControl) = Profiles[profile];
        var options = new ResolveOptions
        {
            Hashpath = hashpath,
            Node = Message.Of(("cache_control", new AoList(cacheControl.Select(c => (AoValue)AoBinary.FromString(c))))),
            Cache = new StoreResolutionCache(new MessageCache(store)),
        };
        await AoTestVectors.Tests[test](Resolver, options);
    }
}
