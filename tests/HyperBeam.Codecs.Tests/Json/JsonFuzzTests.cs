using HyperBeam.Codecs.Json;
using HyperBeam.Codecs.Tests.Shared;
using Xunit.Abstractions;

namespace HyperBeam.Codecs.Tests.Json;

public class JsonFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Snippets =
    [
        "{", "}", "[", "]", "\"", ":", ",", " ", "\"a\"", "\"a\":", "\"ao-types\":", "\"ao-types\":\"", "=\\\"base64\\\"",
        "=\\\"integer\\\"", "=\\\"list\\\"", "=\\\"atom\\\"", "=\\\"float\\\"", "=\\\"empty-message\\\"", "\\\"", "\\\\",
        "\\u0000", "\\ud800", "\\udc00", "\\n", "0", "-1", "1.5", "1e999", "99999999999999999999", "true", "false", "null",
        "\"/w==\"", "\"priv\":", "\"A\":", "\u00e4", "\"(ao-type-integer) 1\"",
    ];

    [Fact]
    public void Decode_never_throws_anything_but_codec_exception()
    {
        var valid = RoundTripMessages.Small().Select(JsonCodec.Encode).ToArray();
        var (accepted, refused) = new DecoderFuzzer(seed: 4242, valid, Snippets).Run(input => JsonCodec.Decode(input), iterations: 4000);
        output.WriteLine($"{accepted} inputs accepted, {refused} refused with a CodecException");
        Assert.True(accepted > 0 && refused > 0, $"the fuzzer should both pass and fail inputs ({accepted} accepted, {refused} refused)");
    }
}
