namespace HyperBeam.Codecs;

/// <summary>Device names of the wire codecs.</summary>
public static class CodecNames
{
    public const string Structured = "structured@1.0";
    public const string HttpSig = "httpsig@1.0";
    public const string Flat = "flat@1.0";
    public const string Json = "json@1.0";
    public const string Ans104 = "ans104@1.0";
}
