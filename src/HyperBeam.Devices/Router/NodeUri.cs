using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using HyperBeam.Core.Messages;

namespace HyperBeam.Devices.Router;

/// <summary>
/// A node entry's URI for a request (HyperBEAM's <c>apply_route</c>): <c>prefix</c> + path, path + <c>suffix</c>,
/// or the path with <c>match</c> replaced by <c>with</c> (every occurrence; <c>&amp;</c> and <c>\N</c> in
/// <c>with</c> refer to the match and its groups, as in Erlang's <c>re:replace</c>). The path is the request's
/// <c>route-path</c>, else its <c>path</c>. A node's <c>opts</c> come back beside the URI.
/// </summary>
public static class NodeUri
{
    private static readonly TimeSpan ReplaceTimeout = TimeSpan.FromSeconds(1);

    public static bool TryApply(Message request, Message node, [NotNullWhen(true)] out string? uri, out Message? opts, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        opts = node.Get("opts") as Message;
        error = null;
        var path = RouteTemplate.TargetPath(request);
        if (node.Get("prefix") is AoBinary prefix)
            uri = prefix.Text + path;
        else if (node.Get("suffix") is AoBinary suffix)
            uri = path + suffix.Text;
        else if (node.Get("match") is AoBinary match && node.Get("with") is AoBinary with)
            uri = Replace(path, match.Text, with.Text);
        else
            uri = null;
        if (uri is null) error = $"the route's node has no usable prefix, suffix or match/with: {node}";
        return uri is not null;
    }

    private static string? Replace(string path, string pattern, string replacement)
    {
        try
        {
            return Regex.Replace(path, pattern, ToDotNetReplacement(replacement), RegexOptions.CultureInvariant, ReplaceTimeout);
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Erlang's replacement syntax (<c>&amp;</c>, <c>\N</c>, <c>\&amp;</c>, <c>\\</c>) in .NET's (<c>$0</c>, <c>${N}</c>, <c>$$</c>).</summary>
    private static string ToDotNetReplacement(string erlang)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < erlang.Length; i++)
        {
            var c = erlang[i];
            if (c == '\\' && i + 1 < erlang.Length)
            {
                var next = erlang[i + 1];
                var digits = 0;
                while (i + 1 + digits < erlang.Length && char.IsAsciiDigit(erlang[i + 1 + digits])) digits++;
                if (digits > 0)
                {
                    sb.Append("${").Append(erlang, i + 1, digits).Append('}');
                    i += digits;
                    continue;
                }
                sb.Append(next == '$' ? "$$" : next.ToString());
                i++;
                continue;
            }
            sb.Append(c switch { '&' => "$0", '$' => "$$", _ => c.ToString() });
        }
        return sb.ToString();
    }
}
