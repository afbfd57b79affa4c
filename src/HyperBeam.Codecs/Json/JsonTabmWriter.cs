using System.Buffers;
using System.Text;
using System.Text.Unicode;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Json;

/// <summary>
/// TABM → JSON exactly as Erlang/OTP's <c>json:encode/1</c> writes a map of binaries: no whitespace, keys in
/// Erlang map order, strings as raw UTF-8 with only <c>"</c>, <c>\</c> and control characters escaped
/// (<c>\b \t \n \f \r</c>, else <c>\u00XX</c> in upper case).
/// </summary>
/// <remarks>
/// Erlang iterates maps of up to 32 keys in key order, which is what we write. Larger maps iterate in hash order,
/// which nothing should depend on; we keep key order there too, so such documents differ from HyperBEAM's in key
/// order only.
/// </remarks>
internal static class JsonTabmWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(EscapedBytes());

    public static byte[] Write(Message tabm)
    {
        ArgumentNullException.ThrowIfNull(tabm);
        var output = new ArrayBufferWriter<byte>(256);
        WriteObject(output, tabm, depth: 1);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteObject(ArrayBufferWriter<byte> output, Message tabm, int depth)
    {
        if (depth > CodecLimits.MaxDepth)
            throw new CodecException($"the message nests deeper than {CodecLimits.MaxDepth} levels");
        output.Write("{"u8);
        var first = true;
        foreach (var (key, value) in tabm.Entries)
        {
            if (!first) output.Write(","u8);
            first = false;
            WriteString(output, KeyBytes(key));
            output.Write(":"u8);
            switch (value)
            {
                case AoBinary binary:
                    if (!Utf8.IsValid(binary.Span))
                        throw new CodecException($"'{key}' is not UTF-8 and so cannot be a JSON string");
                    WriteString(output, binary.Span);
                    break;
                case Message nested:
                    WriteObject(output, nested, depth + 1);
                    break;
                default:
                    throw new CodecException(
                        $"TABM key '{key}' holds a {value.TypeName}; a TABM holds only binaries and messages (use Encode for a rich message)");
            }
        }
        output.Write("}"u8);
    }

    private static void WriteString(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        output.Write("\""u8);
        while (true)
        {
            var next = utf8.IndexOfAny(NeedsEscape);
            if (next < 0) break;
            output.Write(utf8[..next]);
            WriteEscape(output, utf8[next]);
            utf8 = utf8[(next + 1)..];
        }
        output.Write(utf8);
        output.Write("\""u8);
    }

    private static void WriteEscape(ArrayBufferWriter<byte> output, byte b)
    {
        switch (b)
        {
            case (byte)'"': output.Write("\\\""u8); break;
            case (byte)'\\': output.Write("\\\\"u8); break;
            case (byte)'\b': output.Write("\\b"u8); break;
            case (byte)'\t': output.Write("\\t"u8); break;
            case (byte)'\n': output.Write("\\n"u8); break;
            case (byte)'\f': output.Write("\\f"u8); break;
            case (byte)'\r': output.Write("\\r"u8); break;
            default:
                const string hex = "0123456789ABCDEF";
                output.Write([(byte)'\\', (byte)'u', (byte)'0', (byte)'0', (byte)hex[b >> 4], (byte)hex[b & 15]]);
                break;
        }
    }

    private static byte[] KeyBytes(string key)
    {
        try
        {
            return StrictUtf8.GetBytes(key);
        }
        catch (EncoderFallbackException e)
        {
            throw new CodecException($"the key '{key}' is not valid Unicode (an unpaired surrogate)", e);
        }
    }

    private static byte[] EscapedBytes()
    {
        var bytes = new List<byte> { (byte)'"', (byte)'\\' };
        for (var b = 0; b < 0x20; b++) bytes.Add((byte)b);
        return bytes.ToArray();
    }
}
