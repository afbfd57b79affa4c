using HyperBeam.Codecs.Flat;
using HyperBeam.Codecs.Tests.Shared;
using Xunit.Abstractions;

namespace HyperBeam.Codecs.Tests.Flat;

public class FlatFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Snippets =
    [
        ": ", "\n", "/", "//", ":", " ", "a", "k/", "ao-types: ", "ao-types", "=\"integer\"", "=\"list\"", "=\"float\"",
        "=\"atom\"", "=\"empty-message\"", "=\"empty-binary\"", "=\"empty-list\"", ", ", "\"", "\\", "(ao-type-integer) ",
        "(ao-type-", "%2f", "1", "-9", "e+308", "priv", "A", "\r", "\u00e4", "\"\"",
    ];

    [Fact]
    public void Decode_never_throws_anything_but_codec_exception()
    {
        var valid = RoundTripMessages.Small().Select(FlatCodec.Encode).ToArray();
        var (accepted, refused) = new DecoderFuzzer(seed: 1701, valid, Snippets).Run(input => FlatCodec.Decode(input), iterations: 4000);
        output.WriteLine($"{accepted} inputs accepted, {refused} refused with a CodecException");
        Assert.True(accepted > 0 && refused > 0, $"the fuzzer should both pass and fail inputs ({accepted} accepted, {refused} refused)");
    }
}
