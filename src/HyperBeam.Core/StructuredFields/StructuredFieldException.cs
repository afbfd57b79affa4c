namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// Thrown when text is not a valid structured field of the requested kind, or when a value cannot be
/// serialized (out-of-range number, invalid token or key, ...).
/// </summary>
public sealed class StructuredFieldException : FormatException
{
    public StructuredFieldException(string reason, int offset)
        : base(FormatParseMessage(reason, offset))
    {
        Reason = reason;
        Offset = offset;
    }

    public StructuredFieldException(string reason)
        : base($"Cannot serialize structured field: {reason}")
    {
        Reason = reason;
        Offset = -1;
    }

    /// <summary>What was wrong, without the offset prefix.</summary>
    public string Reason { get; }

    /// <summary>The zero-based character offset into the parsed text, or -1 for serialization errors.</summary>
    public int Offset { get; }

    internal static string FormatParseMessage(string reason, int offset) =>
        $"Invalid structured field at offset {offset}: {reason}";
}
