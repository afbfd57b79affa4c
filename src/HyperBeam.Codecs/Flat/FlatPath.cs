namespace HyperBeam.Codecs.Flat;

/// <summary>
/// Path keys of flat@1.0 as HyperBEAM's <c>hb_path</c> reads and writes them: segments split on <c>/</c>, empty
/// segments dropped, so <c>/a//b/</c> is the path <c>a/b</c>.
/// </summary>
internal static class FlatPath
{
    public const char Separator = '/';

    public static string[] Segments(string path) => path.Split(Separator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The canonical spelling of a path key (<c>hb_path:to_binary</c>): empty segments removed.</summary>
    public static string Normalize(string path) =>
        path.Length > 0 && path[0] != Separator && !path.Contains("//", StringComparison.Ordinal) && path[^1] != Separator
            ? path
            : string.Join(Separator, Segments(path));
}
