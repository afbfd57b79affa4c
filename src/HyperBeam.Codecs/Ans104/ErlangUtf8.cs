namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// The UTF-8 test HyperBEAM applies before making a value a tag: <c>unicode:characters_to_binary/1</c> does not
/// return an error. Erlang reports a sequence cut off by the end of the binary as "incomplete", not as an error,
/// so such a value still counts as text and becomes a tag; only invalid bytes push a value into the data.
/// </summary>
internal static class ErlangUtf8
{
    public static bool IsTagText(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var lead = bytes[i];
            if (lead < 0x80) { i++; continue; }
            var length = lead switch
            {
                >= 0xC2 and <= 0xDF => 2,
                >= 0xE0 and <= 0xEF => 3,
                >= 0xF0 and <= 0xF4 => 4,
                _ => 0,
            };
            if (length == 0) return false;
            for (var j = 1; j < length; j++)
            {
                if (i + j >= bytes.Length) return true; // incomplete at the end: not an error for Erlang
                if (!IsContinuation(lead, j, bytes[i + j])) return false;
            }
            i += length;
        }
        return true;
    }

    private static bool IsContinuation(byte lead, int position, byte b) => (lead, position) switch
    {
        (0xE0, 1) => b is >= 0xA0 and <= 0xBF, // no overlong 3-byte forms
        (0xED, 1) => b is >= 0x80 and <= 0x9F, // no surrogates
        (0xF0, 1) => b is >= 0x90 and <= 0xBF, // no overlong 4-byte forms
        (0xF4, 1) => b is >= 0x80 and <= 0x8F, // nothing above U+10FFFF
        _ => b is >= 0x80 and <= 0xBF,
    };
}
