namespace HyperBeam.Core.Resolution;

/// <summary>
/// The ways to fold a new element into a hashpath base (HyperBEAM's <c>hb_crypto</c>), chosen per message by its
/// <c>hashpath-alg</c> key: <c>sha-256-chain</c> (default) or <c>accumulate-256</c>.
/// </summary>
public enum HashpathAlgorithm
{
    Sha256Chain,
    Accumulate256,
}
