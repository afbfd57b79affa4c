namespace HyperBeam.Storage;

/// <summary>A store path that breaks the segment rules of <see cref="StorePath"/>: a caller error, not an I/O fault.</summary>
public sealed class InvalidStorePathException : ArgumentException
{
    public InvalidStorePathException(string path, string reason)
        : base($"Invalid store path '{Shorten(path)}': {reason}.")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The path as it was given.</summary>
    public string Path { get; }

    public string Reason { get; }

    private static string Shorten(string s) => s.Length > 120 ? s[..120] + "…" : s.Replace("\0", "\\0", StringComparison.Ordinal);
}
