using System.Text;

namespace HyperBeam.Codecs.Ans104;

/// <summary>One tag of a data item: name and value are bytes (ANS-104 says UTF-8, but nothing enforces it).</summary>
public sealed record DataItemTag(ReadOnlyMemory<byte> Name, ReadOnlyMemory<byte> Value)
{
    /// <summary>A tag from UTF-8 text.</summary>
    public static DataItemTag Of(string name, string value) => new(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value));

    public string NameText => Encoding.UTF8.GetString(Name.Span);

    public string ValueText => Encoding.UTF8.GetString(Value.Span);

    public bool Equals(DataItemTag? other) =>
        other is not null && Name.Span.SequenceEqual(other.Name.Span) && Value.Span.SequenceEqual(other.Value.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Name.Span);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{NameText}: {ValueText}";
}
