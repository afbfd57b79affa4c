using System.Text.Json.Nodes;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Core.Tests.Wallets;

/// <summary>Key files: save → load round trip, owner-only permissions, no silent overwrite.</summary>
public class WalletFileTests(SharedWallet shared) : IClassFixture<SharedWallet>
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly Wallet _wallet = shared.Wallet;

    [Fact]
    public void Save_then_load_gives_the_same_key()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("key.json");
        _wallet.Save(path);

        using var loaded = Wallet.Load(path);
        Assert.Equal(_wallet.Address, loaded.Address);
        Assert.Equal(_wallet.PublicKey.ToArray(), loaded.PublicKey.ToArray());
        Assert.True(Wallet.Verify(_wallet.PublicKey.Span, "data"u8, loaded.Sign("data"u8)));
        Assert.True(Wallet.Verify(loaded.PublicKey.Span, "data"u8, _wallet.Sign("data"u8)));
    }

    [Fact]
    public void The_saved_file_is_an_Arweave_JWK()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("key.json");
        _wallet.Save(path);

        var jwk = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal("RSA", (string?)jwk["kty"]);
        Assert.Equal("AQAB", (string?)jwk["e"]);
        foreach (var field in new[] { "n", "d", "p", "q", "dp", "dq", "qi" })
            Assert.False(string.IsNullOrEmpty((string?)jwk[field]), field);
    }

    [Fact]
    public void The_saved_file_is_readable_by_its_owner_only()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("key.json");
        _wallet.Save(path);

        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path) == OwnerOnly, $"mode {Mode(path)}");
    }

    [Fact]
    public void Save_refuses_to_overwrite_an_existing_file()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("key.json");
        File.WriteAllText(path, "precious");

        Assert.Throws<IOException>(() => _wallet.Save(path));
        Assert.Equal("precious", File.ReadAllText(path));
    }

    [Fact]
    public void Save_with_overwrite_replaces_the_file_and_narrows_its_mode()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("key.json");
        File.WriteAllText(path, "old contents that are longer than nothing");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        _wallet.Save(path, overwrite: true);

        using var loaded = Wallet.Load(path);
        Assert.Equal(_wallet.Address, loaded.Address);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path) == OwnerOnly, $"mode {Mode(path)}");
    }

    private static string Mode(string path) => OperatingSystem.IsWindows() ? "n/a" : File.GetUnixFileMode(path).ToString();
}
