using System.Text;

namespace HyperBeam.Core.Codecs.Structured;

/// <summary>
/// Byte-exact writing of structured-field strings as HyperBEAM does it: only <c>\</c> and <c>"</c> are escaped,
/// every other byte passes through (IDs depend on it). Latin-1 maps bytes 1:1 to chars so that binaries which are
/// not UTF-8 survive a trip through the string-based structured-field parser.
/// </summary>
internal static class SfText
{
    public static void AppendQuoted(List<byte> output, ReadOnlySpan<byte> value)
    {
        output.Add((byte)'"');
        foreach (var b in value)
        {
            if (b is (byte)'\\' or (byte)'"') output.Add((byte)'\\');
            output.Add(b);
        }
        output.Add((byte)'"');
    }

    public static byte[] Quoted(ReadOnlySpan<byte> value)
    {
        var list = new List<byte>(value.Length + 2);
        AppendQuoted(list, value);
        return list.ToArray();
    }

    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static byte[] FromLatin1(string text) => Encoding.Latin1.GetBytes(text);
}
