namespace HyperBeam.Codecs.Ans104;

/// <summary>ANS-104 signature types (2 bytes, little-endian, first in an item). HyperBEAM and this port support Arweave only.</summary>
public enum SignatureType : ushort
{
    /// <summary>Arweave: RSA-PSS over SHA-256 with a 4096-bit key; 512-byte signature and 512-byte owner (the modulus).</summary>
    Arweave = 1,
}
