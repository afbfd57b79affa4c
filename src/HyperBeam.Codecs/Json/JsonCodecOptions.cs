namespace HyperBeam.Codecs.Json;

/// <summary>Limits for reading <c>json@1.0</c> documents. Nesting is always bounded by <see cref="CodecLimits.MaxDepth"/>.</summary>
public sealed record JsonCodecOptions
{
    /// <summary>16 MiB: far above any message a node exchanges as JSON, far below what would strain memory.</summary>
    public const int DefaultMaxDocumentBytes = 16 * 1024 * 1024;

    public static JsonCodecOptions Default { get; } = new();

    /// <summary>Largest document <see cref="JsonCodec.Decode"/> accepts, in bytes; larger ones are a CodecException.</summary>
    public int MaxDocumentBytes
    {
        get => _maxDocumentBytes;
        init => _maxDocumentBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDocumentBytes), value, "must be positive");
    }

    private readonly int _maxDocumentBytes = DefaultMaxDocumentBytes;
}
