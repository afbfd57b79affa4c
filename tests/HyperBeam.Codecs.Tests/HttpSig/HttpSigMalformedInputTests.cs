using System.Text;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.HttpSig;

public class HttpSigMalformedInputTests
{
    private static readonly Message Sample = Message.Of(
        ("k", "v"), ("n", 7), ("nested", Message.Of(("x", "y"), ("deeper", Message.Of(("z", 1.5))))),
        ("list", AoList.Of(Message.Of(("a", 1)), Message.Of(("b", "c")))), ("big", new string('x', 5000)));

    [Theory]
    [InlineData("multipart/form-data; boundary=\"b\"", "--b\r\nno-disposition: x\r\n\r\nbody\r\n--b--", "content-disposition")]
    [InlineData("multipart/form-data; boundary=\"b\"", "not multipart at all", "boundary")]
    [InlineData("multipart/form-data; boundary=\"b\"", "--b\r\ncontent-disposition: form-data\r\n\r\nx\r\n--b--", "no name")]
    [InlineData("multipart/form-data; boundary=\"b\"", "--b\r\ncontent-disposition: (((\r\n\r\nx\r\n--b--", "content-disposition")]
    public void A_malformed_multipart_body_is_a_codec_error(string contentType, string body, string expected)
    {
        var http = Message.Of(("content-type", contentType), ("body", body));
        var error = Assert.Throws<CodecException>(() => HttpSigCodec.Decode(http));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:")]
    [InlineData("sha-512=:AAAA:")]
    [InlineData("md5=:AAAA:")]
    [InlineData("garbage")]
    public void A_content_digest_that_is_not_the_bodys_is_a_codec_error(string digest)
    {
        var http = Message.Of(("content-digest", digest), ("body", "the body"));
        var error = Assert.Throws<CodecException>(() => HttpSigCodec.Decode(http));
        Assert.Contains("content-digest", error.Message);
    }

    [Fact]
    public void The_bodys_own_content_digest_in_either_algorithm_decodes()
    {
        var body = Encoding.UTF8.GetBytes("the body");
        var sha512 = $"sha-512=:{Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(body))}:";
        foreach (var digest in new[] { HyperBeam.Core.Codecs.HttpSig.ContentDigest.Compute(body), sha512 })
            Assert.Equal("the body", HttpSigCodec.Decode(Message.Of(("content-digest", digest), ("body", "the body"))).GetText("body"));
    }

    [Theory]
    [InlineData("sig=:AAAA:", null, "signature-input")]
    [InlineData("sig=(((", "sig=(\"a\");alg=\"rsa-pss-sha512\";keyid=\"AQAB\"", "signature")]
    [InlineData("sig=\"text\"", "sig=(\"a\");alg=\"rsa-pss-sha512\";keyid=\"AQAB\"", "byte sequence")]
    [InlineData("sig=:AAAA:", "other=(\"a\");alg=\"rsa-pss-sha512\";keyid=\"AQAB\"", "no signature-input")]
    [InlineData("sig=:AAAA:", "sig=(\"a\");keyid=\"AQAB\"", "no alg")]
    public void Malformed_signature_headers_are_codec_errors(string signature, string? input, string expected)
    {
        var http = Message.Of(("a", "b"), ("signature", signature));
        if (input is not null) http = http.Set("signature-input", input);
        var error = Assert.Throws<CodecException>(() => HttpSigCodec.Decode(http));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Random_mutations_of_a_valid_encoding_decode_or_fail_with_a_codec_error()
    {
        var encoded = HttpSigCodec.Encode(Sample);
        var body = ((AoBinary)encoded.Get("body")!).ToArray();
        var random = new Random(8734);
        for (var i = 0; i < 3000; i++)
        {
            var mutated = (byte[])body.Clone();
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits; e++)
            {
                switch (random.Next(3))
                {
                    case 0: mutated[random.Next(mutated.Length)] = (byte)random.Next(256); break;
                    case 1: mutated = mutated[..random.Next(mutated.Length)]; break;
                    default: mutated[random.Next(mutated.Length)] = "\r\n-:\"/="u8[random.Next(7)]; break;
                }
                if (mutated.Length == 0) break;
            }
            var http = encoded.Set("body", new AoBinary(mutated));
            if (random.Next(4) == 0) http = http.Set("ao-types", Encoding.UTF8.GetString(mutated.AsSpan(0, Math.Min(40, mutated.Length))));
            try
            {
                HttpSigCodec.Decode(http);
            }
            catch (CodecException)
            {
                // A clear decoding error is the expected outcome for most mutations.
            }
        }
    }

    [Fact]
    public void A_sample_with_every_shape_round_trips()
    {
        var decoded = HttpSigCodec.Decode(HttpSigCodec.Encode(Sample));
        Assert.True(Sample.Equals(decoded), $"expected {Sample}\n  actual {decoded}");
    }
}
