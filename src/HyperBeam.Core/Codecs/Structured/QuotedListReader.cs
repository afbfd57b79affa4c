namespace HyperBeam.Core.Codecs.Structured;

/// <summary>
/// Reads a TABM list, a structured-field list of strings, byte for byte. HyperBEAM writes those strings escaping
/// only <c>\</c> and <c>"</c>, so they may hold control characters and any byte a strict RFC 8941 parser refuses.
/// Returns null when the list holds anything but strings, so the caller can use the full parser instead.
/// </summary>
internal static class QuotedListReader
{
    public static List<byte[]>? TryRead(ReadOnlySpan<byte> input, string key)
    {
        var items = new List<byte[]>();
        var i = SkipSpaces(input, 0);
        if (i == input.Length) return items;
        while (true)
        {
            if (input[i] != (byte)'"') return null;
            var value = new List<byte>();
            i++;
            while (true)
            {
                if (i >= input.Length) throw new CodecException($"'{key}' is typed list but a string in it is not terminated");
                var b = input[i++];
                if (b == (byte)'"') break;
                if (b == (byte)'\\')
                {
                    if (i >= input.Length || input[i] is not ((byte)'\\' or (byte)'"'))
                        throw new CodecException($"'{key}' is typed list but a string in it has a bad escape at byte {i}");
                    b = input[i++];
                }
                value.Add(b);
            }
            items.Add(value.ToArray());
            i = SkipSpaces(input, i);
            if (i == input.Length) return items;
            if (input[i] != (byte)',') throw new CodecException($"'{key}' is typed list but has '{(char)input[i]}' where a comma belongs (byte {i})");
            i = SkipSpaces(input, i + 1);
            if (i == input.Length) throw new CodecException($"'{key}' is typed list but ends with a comma");
        }
    }

    private static int SkipSpaces(ReadOnlySpan<byte> input, int i)
    {
        while (i < input.Length && input[i] is (byte)' ' or (byte)'\t') i++;
        return i;
    }
}
