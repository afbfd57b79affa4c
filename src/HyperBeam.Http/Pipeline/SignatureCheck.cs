namespace HyperBeam.Http.Pipeline;

/// <summary>What the signatures of a decoded request say about it.</summary>
internal enum SignatureCheck
{
    /// <summary>No commitment that claims a signer (none at all, or only an unsigned ans104@1.0 one that keeps tag names).</summary>
    Unsigned,

    /// <summary>Every commitment verifies.</summary>
    Verified,

    /// <summary>At least one commitment does not verify, or is of a kind the node cannot check.</summary>
    Invalid,
}
