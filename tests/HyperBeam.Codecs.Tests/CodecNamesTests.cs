namespace HyperBeam.Codecs.Tests;

public class CodecNamesTests
{
    [Fact]
    public void Codec_names_are_versioned_device_names()
    {
        foreach (var name in new[] { CodecNames.Structured, CodecNames.HttpSig, CodecNames.Flat, CodecNames.Json, CodecNames.Ans104 })
            Assert.Matches("^[a-z0-9-]+@[0-9.]+$", name);
    }
}
