namespace HyperBeam.Core.StructuredFields;

/// <summary>Where a key appears; dictionary keys accept a wider alphabet (see <see cref="SfCharacters"/>).</summary>
internal enum SfKeyKind
{
    Parameter,
    Dictionary,
}
