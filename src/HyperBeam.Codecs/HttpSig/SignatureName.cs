using HyperBeam.Core.Ids;

namespace HyperBeam.Codecs.HttpSig;

/// <summary>The RFC 9421 signature label HyperBEAM gives a signer: <c>http-sig-</c> + hex of address bytes 1..8.</summary>
public static class SignatureName
{
    public static string ForAddress(string address)
    {
        if (!Base64Url.IsHumanId(address)) return address;
        var native = Base64Url.Decode(address);
        return "http-sig-" + Convert.ToHexStringLower(native.AsSpan(1, 8));
    }
}
