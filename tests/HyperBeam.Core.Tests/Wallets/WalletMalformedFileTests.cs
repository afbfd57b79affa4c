using System.Text.Json.Nodes;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Core.Tests.Wallets;

/// <summary>Every way a key file can be wrong gives a <see cref="WalletException"/> naming the file and the problem.</summary>
public class WalletMalformedFileTests(SharedWallet shared) : IClassFixture<SharedWallet>
{
    private readonly string _validJwk = shared.Wallet.ToJwk(includePrivate: true);

    public static IEnumerable<object[]> RequiredFields => new[] { "kty", "n", "e", "d", "p", "q", "dp", "dq", "qi" }.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void A_missing_field_is_named(string field) =>
        AssertRejected(Edit(o => o.Remove(field)), $"missing field '{field}'");

    [Fact]
    public void Text_that_is_not_JSON_is_rejected() => AssertRejected("{ this is not json", "not JSON");

    [Fact]
    public void JSON_that_is_not_an_object_is_rejected() => AssertRejected("[1, 2, 3]", "not a JSON object");

    [Fact]
    public void A_key_that_is_not_RSA_is_rejected() => AssertRejected(Edit(o => o["kty"] = "EC"), "not an RSA key");

    [Fact]
    public void Bad_base64url_is_named() => AssertRejected(Edit(o => o["dq"] = "not*base64!"), "field 'dq' is not valid base64url");

    [Fact]
    public void A_field_that_is_not_a_string_is_named() => AssertRejected(Edit(o => o["n"] = 42), "field 'n' is not a string");

    [Fact]
    public void An_empty_field_is_named() => AssertRejected(Edit(o => o["d"] = ""), "field 'd' is empty");

    [Fact]
    public void A_public_exponent_other_than_65537_is_rejected() => AssertRejected(Edit(o => o["e"] = "Aw"), "wrong public exponent");

    [Fact]
    public void A_modulus_that_is_not_4096_bits_is_rejected() =>
        AssertRejected(Edit(o => o["n"] = Base64Url.Encode(Base64Url.Decode((string)o["n"]!)[..256])), "is 2048 bits");

    [Fact]
    public void Primes_that_do_not_match_the_modulus_are_rejected() =>
        AssertRejected(Edit(o => o["p"] = (string?)o["q"]), "do not multiply to n");

    [Fact]
    public void A_missing_file_is_named()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("absent.json");
        var e = Assert.Throws<WalletException>(() => Wallet.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("cannot be read", e.Message);
    }

    [Fact]
    public void FromJwk_reports_the_problem_without_a_file_name()
    {
        var e = Assert.Throws<WalletException>(() => Wallet.FromJwk("{}"));
        Assert.Equal("JWK: missing field 'kty'", e.Message);
    }

    private string Edit(Action<JsonObject> change)
    {
        var jwk = JsonNode.Parse(_validJwk)!.AsObject();
        change(jwk);
        return jwk.ToJsonString();
    }

    private static void AssertRejected(string contents, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.Combine("bad-key.json");
        File.WriteAllText(path, contents);

        var e = Assert.Throws<WalletException>(() => Wallet.Load(path));
        Assert.Contains($"key file '{path}'", e.Message);
        Assert.Contains(problem, e.Message);
    }
}
