using System.Buffers;
using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Flat;

/// <summary>
/// The text form of a flat map (<c>dev_codec_flat:serialize/1</c>, <c>deserialize/1</c>): one <c>key: value\n</c>
/// line per path, keys in byte order. Values are raw bytes; nothing is escaped.
/// </summary>
internal static class FlatLines
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Write(IReadOnlyDictionary<string, AoBinary> flat)
    {
        ArgumentNullException.ThrowIfNull(flat);
        // HyperBEAM writes maps:keys/1 order, Erlang's order of binaries: byte order of the UTF-8, i.e. code points.
        var keys = flat.Keys.ToArray();
        Array.Sort(keys, MessageKeys.Order);
        var output = new ArrayBufferWriter<byte>();
        foreach (var key in keys)
        {
            var path = FlatPath.Normalize(key);
            var value = flat[key] ?? throw new ArgumentException($"flat key '{key}' has a null value", nameof(flat));
            if (path.Length == 0)
                throw new CodecException($"flat key '{key}' names no path: it is empty or only '/'");
            // HyperBEAM writes a newline through unchanged, and the reader then sees a line it drops or, worse,
            // a key/value pair that was never in the message. There is no escape in this format, so refuse.
            if (path.Contains('\n'))
                throw new CodecException($"flat key '{Printable(path)}' holds a newline, which flat@1.0 cannot carry");
            if (value.Span.Contains((byte)'\n'))
                throw new CodecException($"the value of '{path}' holds a newline, which flat@1.0 cannot carry");
            output.Write(Utf8(path));
            output.Write(": "u8);
            output.Write(value.Span);
            output.Write("\n"u8);
        }
        return output.WrittenSpan.ToArray();
    }

    public static SortedDictionary<string, AoBinary> Read(ReadOnlySpan<byte> text, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.None;
        var flat = new SortedDictionary<string, AoBinary>(MessageKeys.Order);
        var lineNumber = 0;
        while (!text.IsEmpty)
        {
            lineNumber++;
            limits.Cancellation.ThrowIfCancellationRequested();
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            // Blank lines carry nothing; the last line of every serialization ends in '\n' and leaves one.
            if (line.IsEmpty) continue;
            var separator = line.IndexOf(": "u8);
            // HyperBEAM skips both kinds of line below without a word. Skipping loses data (a value holding ": "
            // never comes back) and lets two readers disagree on a message, so both are errors here.
            if (separator < 0)
                throw new CodecException($"flat@1.0 line {lineNumber} has no ': ' between a key and a value");
            var value = line[(separator + 2)..];
            if (value.IndexOf(": "u8) >= 0)
                throw new CodecException(
                    $"flat@1.0 line {lineNumber} holds ': ' more than once, so where its key ends is ambiguous (HyperBEAM would silently drop the line)");
            var key = KeyText(line[..separator], lineNumber);
            if (!flat.TryAdd(key, AoBinary.Copy(value)))
                throw new CodecException($"flat@1.0 line {lineNumber} repeats the key '{Printable(key)}'");
        }
        return flat;
    }

    private static string KeyText(ReadOnlySpan<byte> key, int lineNumber)
    {
        try
        {
            return StrictUtf8.GetString(key);
        }
        catch (DecoderFallbackException e)
        {
            throw new CodecException($"flat@1.0 line {lineNumber} has a key that is not UTF-8 text", e);
        }
    }

    private static byte[] Utf8(string key)
    {
        try
        {
            return StrictUtf8.GetBytes(key);
        }
        catch (EncoderFallbackException e)
        {
            throw new CodecException($"flat key '{Printable(key)}' is not valid Unicode (an unpaired surrogate)", e);
        }
    }

    private static string Printable(string text)
    {
        var shown = text.Length <= 80 ? text : text[..80] + "…";
        return shown.Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
