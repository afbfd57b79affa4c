using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Codecs.Tests.HttpSig;

public class SignatureNameTests
{
    [Fact]
    public void A_signers_label_is_http_sig_and_hex_of_address_bytes_one_to_eight_as_HyperBEAM_names_it()
    {
        var wallet = VectorFile.Vectors("wallet.json");
        Assert.Equal(
            wallet.GetProperty("address_to_sig_name").GetString(),
            SignatureName.ForAddress(wallet.GetProperty("address_human").GetString()!));
    }

    [Fact]
    public void A_reference_that_is_not_an_address_is_its_own_label() =>
        Assert.Equal("custom-name", SignatureName.ForAddress("custom-name"));
}
