namespace HyperBeam.Codecs.HttpSig;

/// <summary>Keys with a meaning to the commitment machinery.</summary>
internal static class MessageKeysOf
{
    public const string Commitments = "commitments";
    public const string CommitmentDevice = "commitment-device";
    public const string Committer = "committer";
    public const string Alg = "alg";
    public const string Signature = "signature";
    public const string SignatureInput = "signature-input";
    public const string HmacAlg = "hmac-sha256";
    public const string RsaPssSha512 = "rsa-pss-sha512";
}
