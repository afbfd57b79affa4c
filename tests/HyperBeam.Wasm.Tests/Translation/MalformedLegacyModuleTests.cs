using HyperBeam.Wasm.Translation;

namespace HyperBeam.Wasm.Tests.Translation;

/// <summary>Hand-made bodies the translation must refuse as malformed (a clear error), never crash on.</summary>
public sealed class MalformedLegacyModuleTests
{
    [Theory]
    [InlineData("try_table catching to a label that does not exist", new byte[] { 0x00, 0x06, 0x40, 0x1f, 0x40, 0x01, 0x02, 0x05, 0x0b, 0x0b, 0x0b })]
    [InlineData("locals that overflow the index space", new byte[] { 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x06, 0x40, 0x0b, 0x0b })]
    [InlineData("rethrow outside a handler", new byte[] { 0x00, 0x06, 0x40, 0x09, 0x00, 0x0b, 0x0b })]
    [InlineData("catch outside a try", new byte[] { 0x00, 0x02, 0x40, 0x07, 0x00, 0x0b, 0x0b })]
    [InlineData("delegate ending a block", new byte[] { 0x00, 0x06, 0x40, 0x02, 0x40, 0x18, 0x00, 0x0b, 0x0b })]
    [InlineData("branch to a label that does not exist", new byte[] { 0x00, 0x06, 0x40, 0x0c, 0x07, 0x0b, 0x0b })]
    [InlineData("catch of a tag that does not exist", new byte[] { 0x00, 0x06, 0x40, 0x07, 0x09, 0x0b, 0x0b })]
    [InlineData("a body that ends inside a try", new byte[] { 0x00, 0x06, 0x40, 0x01 })]
    public void A_malformed_body_with_legacy_instructions_is_refused_as_malformed(string what, byte[] body)
    {
        var refused = Assert.Throws<InvalidDataException>(() => LegacyExceptionTranslator.Translate(ModuleWith(body)));
        Assert.StartsWith("malformed WebAssembly at offset", refused.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    /// <summary>A module of one () → () function with <paramref name="body"/> (locals and code) and one tag of type 0.</summary>
    private static byte[] ModuleWith(byte[] body)
    {
        var module = new WasmWriter().Bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        module.Byte(1).U32(4).Bytes([0x01, 0x60, 0x00, 0x00]);
        module.Byte(3).U32(2).Bytes([0x01, 0x00]);
        module.Byte(13).U32(3).Bytes([0x01, 0x00, 0x00]);
        var code = new WasmWriter().U32(1).U32((uint)body.Length).Bytes(body);
        module.Byte(10).U32((uint)code.Length).Bytes(code.Written);
        return module.ToArray();
    }
}
