using HyperBeam.Core.Messages;

namespace HyperBeam.Storage.Caching;

/// <summary>
/// The cache policy of HyperBEAM's <c>hb_cache_control</c>, pure: it only decides, the resolver acts.
/// Sources rank node options &gt; result &gt; request when storing, and node options &gt; base message &gt;
/// request when looking up (the base message may speak for the results computed from it). A source that says
/// nothing defers to the next; when no source speaks, nothing is stored or looked up.
/// </summary>
public sealed class CacheControl
{
    /// <param name="node">The node operator's <c>cache_control</c> option, which has the final say.</param>
    /// <param name="hashpathIgnored">
    /// The node runs with <c>hashpath =&gt; ignore</c>: results would be stored under wrong hashpaths, so they are
    /// never stored, whatever any source says.
    /// </param>
    public CacheControl(CacheDirectives node, bool hashpathIgnored = false)
    {
        Node = hashpathIgnored ? node with { Store = false } : node;
    }

    /// <summary>No node preference: requests and results decide.</summary>
    public static readonly CacheControl Default = new(CacheDirectives.None);

    /// <summary>The node's directives, as applied (with storing turned off when hashpaths are ignored).</summary>
    public CacheDirectives Node { get; }

    /// <summary>Whether to cache <paramref name="result"/> of <paramref name="request"/>. Only a message result can speak.</summary>
    public bool ShouldStore(Message? request, AoValue? result) => Derive(result as Message, request).Store;

    /// <summary>Whether to look for a cached result before computing <paramref name="request"/> on <paramref name="baseMessage"/>.</summary>
    public bool ShouldLookup(Message? baseMessage, Message? request) => Derive(baseMessage, request).Lookup;

    /// <summary>Whether a cache miss must be an error (504) rather than a computation.</summary>
    public bool OnlyIfCached(Message? baseMessage, Message? request) => Derive(baseMessage, request).OnlyIfCached;

    /// <summary>The settings from the node's directives over the sources, highest precedence first.</summary>
    public CacheSettings Derive(params Message?[] sources)
    {
        var merged = Node;
        foreach (var source in sources) merged = merged.Over(CacheDirectives.Of(source));
        return new CacheSettings(
            merged.Store ?? CacheSettings.Default.Store,
            merged.Lookup ?? CacheSettings.Default.Lookup,
            merged.OnlyIfCached ?? CacheSettings.Default.OnlyIfCached);
    }
}
