using System.Collections.Immutable;
using System.Text;

namespace HyperBeam.Storage;

/// <summary>
/// A validated, <c>/</c>-separated path in a store: one or more segments, each 1..512 bytes of UTF-8, none of
/// them <c>.</c> or <c>..</c>, none holding <c>/</c> or NUL. Stores never see an unvalidated path, so every backend
/// can map segments to file names or keys without escaping tricks.
/// </summary>
public sealed class StorePath : IEquatable<StorePath>
{
    /// <summary>Longest segment, in UTF-8 bytes.</summary>
    public const int MaxSegmentBytes = 512;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private string? _text;

    private StorePath(ImmutableArray<string> segments) => Segments = segments;

    public ImmutableArray<string> Segments { get; }

    /// <summary>Number of segments (at least one).</summary>
    public int Depth => Segments.Length;

    /// <summary>The last segment.</summary>
    public string Name => Segments[^1];

    /// <summary>The path without its last segment, or null for a single-segment path.</summary>
    public StorePath? Parent => Segments.Length == 1 ? null : new StorePath(Segments.RemoveAt(Segments.Length - 1));

    /// <summary>
    /// Parses <c>a/b/c</c>. One leading <c>/</c> is allowed (paths often arrive that way from HTTP); anything
    /// else that would make an empty segment is rejected.
    /// </summary>
    /// <exception cref="InvalidStorePathException">The path is empty or a segment breaks the rules.</exception>
    public static StorePath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var body = path.StartsWith('/') ? path[1..] : path;
        if (body.Length == 0) throw new InvalidStorePathException(path, "the path is empty");
        var parts = body.Split('/');
        foreach (var part in parts) Validate(path, part);
        return new StorePath([.. parts]);
    }

    /// <summary>Builds a path from segments, each validated (none may hold <c>/</c>).</summary>
    public static StorePath Of(params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Length == 0) throw new InvalidStorePathException("", "the path is empty");
        var joined = string.Join('/', segments);
        foreach (var s in segments) Validate(joined, s);
        return new StorePath([.. segments]);
    }

    public static bool TryParse(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StorePath? result)
    {
        try
        {
            result = Parse(path);
            return true;
        }
        catch (InvalidStorePathException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>This path with one more segment.</summary>
    public StorePath Append(string segment)
    {
        Validate(ToString() + "/" + segment, segment);
        return new StorePath(Segments.Add(segment));
    }

    /// <summary>A one-segment path from a segment already known to be valid.</summary>
    internal static StorePath OfTrusted(string segment) => new([segment]);

    /// <summary>Appends a segment already known to be valid (a segment of another path or a listed name).</summary>
    internal StorePath AppendTrusted(string segment) => new(Segments.Add(segment));

    /// <summary>This path followed by all segments of <paramref name="rest"/>.</summary>
    public StorePath Append(StorePath rest) => new(Segments.AddRange(rest.Segments));

    /// <summary>The first <paramref name="count"/> segments.</summary>
    public StorePath Prefix(int count)
    {
        if (count < 1 || count > Segments.Length) throw new ArgumentOutOfRangeException(nameof(count));
        return count == Segments.Length ? this : new StorePath(Segments[..count]);
    }

    /// <summary>True when this path equals <paramref name="other"/> or lies beneath it.</summary>
    public bool StartsWith(StorePath other)
    {
        if (other.Depth > Depth) return false;
        for (var i = 0; i < other.Depth; i++)
            if (!string.Equals(Segments[i], other.Segments[i], StringComparison.Ordinal)) return false;
        return true;
    }

    public override string ToString() => _text ??= string.Join('/', Segments);

    public bool Equals(StorePath? other) =>
        other is not null && (ReferenceEquals(this, other) || string.Equals(ToString(), other.ToString(), StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as StorePath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public static bool operator ==(StorePath? a, StorePath? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(StorePath? a, StorePath? b) => !(a == b);

    private static void Validate(string path, string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Length == 0) throw new InvalidStorePathException(path, "it has an empty segment");
        if (segment is "." or "..") throw new InvalidStorePathException(path, $"the segment '{segment}' is relative; stores take no relative segments");
        if (segment.Contains('\0')) throw new InvalidStorePathException(path, "a segment holds a NUL character");
        if (segment.Contains('/')) throw new InvalidStorePathException(path, $"the segment '{segment}' holds a '/'");
        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(segment);
        }
        catch (EncoderFallbackException)
        {
            // A lone surrogate has no UTF-8 form, so no store could keep the name faithfully.
            throw new InvalidStorePathException(path, "a segment is not valid Unicode (lone surrogate)");
        }
        if (bytes > MaxSegmentBytes)
            throw new InvalidStorePathException(path, $"a segment is {bytes} bytes of UTF-8; at most {MaxSegmentBytes} are allowed");
    }
}
