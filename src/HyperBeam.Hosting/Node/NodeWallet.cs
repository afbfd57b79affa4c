using HyperBeam.Core.Wallets;

namespace HyperBeam.Hosting.Node;

/// <summary>The node's key file: loaded when present, created (owner-only) when not.</summary>
public static class NodeWallet
{
    /// <summary>
    /// Loads the key, or creates and saves a new one. A node loads it once (<see cref="NodeCore.Wallet"/>). Creation uses
    /// create-new semantics, so when two nodes sharing a key path start at once, the loser loads the winner's key
    /// instead of writing a second identity.
    /// </summary>
    public static Wallet LoadOrCreate(string path)
    {
        if (File.Exists(path)) return Wallet.Load(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        var wallet = Wallet.Create();
        try
        {
            wallet.Save(path);
            return wallet;
        }
        catch (IOException) when (File.Exists(path))
        {
            wallet.Dispose();
            return Wallet.Load(path);
        }
    }
}
