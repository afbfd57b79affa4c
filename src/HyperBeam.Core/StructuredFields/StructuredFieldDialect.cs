namespace HyperBeam.Core.StructuredFields;

/// <summary>Which serializer's byte-exact output to reproduce where RFC 8941 and HyperBEAM differ.</summary>
public enum StructuredFieldDialect
{
    /// <summary>
    /// RFC 8941 canonical form: a dictionary member whose value is boolean true is written as just its
    /// key (plus parameters), e.g. <c>a, b;q=1</c>.
    /// </summary>
    Rfc,

    /// <summary>
    /// HyperBEAM's <c>hb_structured_fields:dictionary/1</c>: every dictionary member is written as
    /// <c>key=value</c>, so boolean true becomes <c>a=?1</c>. (Its bare-key branch matches a raw <c>true</c>,
    /// which its own parser never produces.) Use this when the bytes must match HyperBEAM, e.g. for IDs.
    /// Parameters are written bare (<c>;q</c>) in both dialects.
    /// </summary>
    HyperBeam,
}
