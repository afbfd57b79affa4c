using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Ids;

/// <summary>
/// TEMPORARY stand-in until the real HMAC-based IDs land on main (commit "Unsigned IDs…"):
/// same signatures, deterministic, but not HyperBEAM-compatible. The merge replaces this file.
/// </summary>
public static class MessageIds
{
    public static string Unsigned(Message m) => Base64Url.Encode(UnsignedNative(m));

    public static byte[] UnsignedNative(Message m)
    {
        var sb = new StringBuilder();
        Canonical(sb, m);
        return SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    public static string All(Message m) => Unsigned(m);

    private static void Canonical(StringBuilder sb, AoValue v)
    {
        switch (v)
        {
            case Message msg:
                sb.Append('{');
                foreach (var (k, x) in msg.Entries) { sb.Append(k.Length).Append(':').Append(k); Canonical(sb, x); }
                sb.Append('}');
                break;
            case AoList l:
                sb.Append('[');
                foreach (var x in l) Canonical(sb, x);
                sb.Append(']');
                break;
            case AoBinary b:
                sb.Append('b').Append(b.Length).Append(':').Append(Convert.ToBase64String(b.Span));
                break;
            default:
                sb.Append(v.TypeName[0]).Append(v.ToString()).Append(';');
                break;
        }
    }
}
