namespace HyperBeam.Core.Wallets;

/// <summary>A key file or JWK that cannot be used as a wallet; the message names the source and the problem.</summary>
public sealed class WalletException(string message, Exception? inner = null) : Exception(message, inner);
