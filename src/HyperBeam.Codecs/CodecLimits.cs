namespace HyperBeam.Codecs;

/// <summary>Bounds that every wire codec enforces on what it reads and writes.</summary>
public static class CodecLimits
{
    /// <summary>
    /// Deepest nesting of messages (and, in JSON, of objects and arrays) a codec reads or writes. HyperBEAM has no
    /// bound; we need one because decoding recurses, and a stack overflow cannot be caught.
    /// </summary>
    public const int MaxDepth = 64;
}
