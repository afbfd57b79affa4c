using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using HyperBeam.Core.Messages;

namespace HyperBeam.Devices.Router;

/// <summary>
/// Whether a request matches a route's <c>template</c> (HyperBEAM's <c>template_matches</c>): no template matches
/// everything; a message template matches when every one of its keys is in the request with an equal value; a text
/// template is a regular expression searched (unanchored) in the request's path. As in HyperBEAM both path and
/// expression are lower-cased (unless ID-shaped) and given a leading <c>/</c> first — so <c>*</c> becomes
/// <c>/*</c>, which matches any path — and an invalid expression matches nothing. Expressions run on .NET's engine
/// (HyperBEAM's is PCRE: the common syntax is the same) with a match timeout, a timeout counting as no match.
/// </summary>
public static class RouteTemplate
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, Regex?> Compiled = new(StringComparer.Ordinal);
    private static readonly HashSet<string> IgnoredKeys = ["content-type", "body-keys", "inline-body-key"];

    public static bool Matches(AoValue? template, Message request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return template switch
        {
            null => true,
            Message keys => MatchesKeys(keys, request),
            AoBinary regex => MatchesPath(regex.Text, TargetPath(request)),
            _ => false,
        };
    }

    /// <summary>The path a request is routed by: its <c>route-path</c>, else its <c>path</c>.</summary>
    public static string TargetPath(Message request) =>
        (request.Get("route-path") as AoBinary ?? request.Get("path") as AoBinary)?.Text ?? "";

    public static bool MatchesPath(string regex, string path)
    {
        var compiled = Compiled.GetOrAdd(Normalize(regex), static pattern =>
        {
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException)
            {
                return null;
            }
        });
        if (compiled is null) return false;
        try
        {
            return compiled.IsMatch(Normalize(path));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool MatchesKeys(Message template, Message request)
    {
        foreach (var (key, expected) in template.Entries)
        {
            if (IgnoredKeys.Contains(key)) continue;
            if (request.Get(key) is not { } actual || !actual.Equals(expected)) return false;
        }
        return true;
    }

    private static string Normalize(string path)
    {
        var normalized = MessageKeys.Normalize(path);
        return normalized.StartsWith('/') ? normalized : "/" + normalized;
    }
}
