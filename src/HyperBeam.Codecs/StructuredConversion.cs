using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs;

/// <summary>
/// <see cref="StructuredCodec"/> as the wire codecs call it: rich ⇄ TABM, with every failure reported as a
/// <see cref="CodecException"/>. Core's value types guard their invariants with argument exceptions (an atom
/// with an empty name, a float that is not finite); on the wire those are malformed input, not caller bugs.
/// </summary>
internal static class StructuredConversion
{
    public static Message ToTabm(Message rich)
    {
        try
        {
            return StructuredCodec.ToTabm(rich);
        }
        catch (ArgumentException e)
        {
            throw new CodecException($"the message cannot be encoded as a TABM: {e.Message}", e);
        }
    }

    public static Message FromTabm(Message tabm)
    {
        try
        {
            return StructuredCodec.FromTabm(tabm);
        }
        catch (ArgumentException e)
        {
            throw new CodecException($"the TABM does not decode to a message: {e.Message}", e);
        }
    }
}
