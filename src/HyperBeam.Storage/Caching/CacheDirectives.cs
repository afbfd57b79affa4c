using HyperBeam.Core.Messages;

namespace HyperBeam.Storage.Caching;

/// <summary>
/// What one source (node options, a result, a request) says about caching; null where it says nothing.
/// Parsed from <c>cache-control</c> as HyperBEAM's <c>hb_cache_control</c> reads it: <c>always</c> turns storing
/// and looking up on and beats everything else in the same list; otherwise <c>no-store</c> beats <c>store</c>
/// and <c>no-cache</c> beats <c>cache</c>; <c>only-if-cached</c> asks for a cached result or an error.
/// Unknown directives (<c>max-age=0</c>) are ignored, as HTTP does.
/// </summary>
public readonly record struct CacheDirectives(bool? Store, bool? Lookup, bool? OnlyIfCached)
{
    public const string Key = "cache-control";

    /// <summary>Says nothing.</summary>
    public static readonly CacheDirectives None = default;

    /// <summary>Parses a comma-separated value (<c>no-store, no-cache</c>), case-insensitively; quotes are stripped.</summary>
    public static CacheDirectives Parse(string? value) =>
        value is null ? None : Parse(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Parses a list of directives; each may itself be comma-separated.</summary>
    public static CacheDirectives Parse(IEnumerable<string> directives)
    {
        ArgumentNullException.ThrowIfNull(directives);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in directives)
            foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                set.Add(part.Trim('"').ToLowerInvariant());
        var always = set.Contains("always");
        return new CacheDirectives(
            Store: always ? true : set.Contains("no-store") ? false : set.Contains("store") ? true : null,
            Lookup: always ? true : set.Contains("no-cache") ? false : set.Contains("cache") ? true : null,
            OnlyIfCached: set.Contains("only-if-cached") ? true : null);
    }

    /// <summary>A <c>cache-control</c> value as a message holds it: text, an atom, or a list of those.</summary>
    public static CacheDirectives From(AoValue? value) => value switch
    {
        null => None,
        AoBinary b => Parse(b.Text),
        AoAtom a => Parse(a.Name),
        AoList l => Parse(l.Select(item => item switch
        {
            AoBinary b => b.Text,
            AoAtom a => a.Name,
            _ => "",
        })),
        _ => None,
    };

    /// <summary>The directives in a message's own <c>cache-control</c> key (never derived through a device).</summary>
    public static CacheDirectives Of(Message? message) => From(message?.Get(Key));

    /// <summary>These directives where they speak, <paramref name="lower"/> where they are silent.</summary>
    public CacheDirectives Over(CacheDirectives lower) =>
        new(Store ?? lower.Store, Lookup ?? lower.Lookup, OnlyIfCached ?? lower.OnlyIfCached);
}
