using System.Text;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// <c>%XX</c> decoding of path segments, as Erlang's <c>uri_string:unquote/1</c> that HyperBEAM uses: every
/// <c>%</c> must start two hex digits, <c>+</c> stays <c>+</c>. The decoded bytes must be UTF-8, since keys are
/// text here (HyperBEAM would keep raw bytes).
/// </summary>
internal static class PercentDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static string Decode(string text)
    {
        var first = text.IndexOf('%');
        if (first < 0) return text;
        var input = Encoding.UTF8.GetBytes(text);
        var output = new byte[input.Length];
        var n = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != (byte)'%')
            {
                output[n++] = input[i];
                continue;
            }
            if (i + 2 >= input.Length || !IsHex(input[i + 1]) || !IsHex(input[i + 2]))
                throw new SingletonParseException($"malformed percent-encoding in '{PathScanner.Quote(text)}': '%' must start two hex digits");
            output[n++] = (byte)(HexValue(input[i + 1]) << 4 | HexValue(input[i + 2]));
            i += 2;
        }
        try
        {
            return StrictUtf8.GetString(output, 0, n);
        }
        catch (DecoderFallbackException)
        {
            throw new SingletonParseException($"'{PathScanner.Quote(text)}' does not decode to UTF-8 text");
        }
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
