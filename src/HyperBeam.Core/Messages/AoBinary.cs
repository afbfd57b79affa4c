using System.Text;

namespace HyperBeam.Core.Messages;

/// <summary>A binary value: raw bytes, most often UTF-8 text.</summary>
public sealed class AoBinary : AoValue
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly byte[] _bytes;
    private string? _text;

    public static readonly AoBinary Empty = new([]);

    /// <summary>Wraps the bytes without copying: the caller hands over ownership.</summary>
    public AoBinary(byte[] bytes) => _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));

    private AoBinary(byte[] bytes, string text) : this(bytes) => _text = text;

    public static AoBinary FromString(string text) => new(Encoding.UTF8.GetBytes(text), text);

    public static AoBinary Copy(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public override string TypeName => "binary";

    public ReadOnlySpan<byte> Span => _bytes;

    public ReadOnlyMemory<byte> Memory => _bytes;

    public int Length => _bytes.Length;

    public bool IsEmpty => _bytes.Length == 0;

    /// <summary>The bytes as UTF-8 text (invalid sequences become U+FFFD).</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(_bytes);

    /// <summary>True when the bytes are valid UTF-8.</summary>
    public bool IsUtf8
    {
        get
        {
            try { StrictUtf8.GetCharCount(_bytes); return true; }
            catch (DecoderFallbackException) { return false; }
        }
    }

    public byte[] ToArray() => (byte[])_bytes.Clone();

    public override bool Equals(AoValue? other) =>
        other is AoBinary b && (ReferenceEquals(this, b) || _bytes.AsSpan().SequenceEqual(b._bytes));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    internal override void Render(StringBuilder sb, int depth)
    {
        if (IsUtf8) sb.Append('"').Append(Text.Length > 80 ? Text[..80] + "…" : Text).Append('"');
        else sb.Append("<<").Append(_bytes.Length).Append(" bytes>>");
    }
}
