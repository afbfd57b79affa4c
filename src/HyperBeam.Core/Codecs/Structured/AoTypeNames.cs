namespace HyperBeam.Core.Codecs.Structured;

/// <summary>The type names that <c>ao-types</c> records for values that are not plain binaries.</summary>
public static class AoTypeNames
{
    public const string Integer = "integer";
    public const string Float = "float";
    public const string Atom = "atom";
    public const string List = "list";
    public const string Binary = "binary";
    public const string EmptyBinary = "empty-binary";
    public const string EmptyList = "empty-list";
    public const string EmptyMessage = "empty-message";

    /// <summary>The key under which a TABM carries its type annotations.</summary>
    public const string AoTypesKey = "ao-types";
}
