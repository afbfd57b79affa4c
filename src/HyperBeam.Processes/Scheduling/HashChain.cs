using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Ids;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// The chain of hashes that links a process's assignments (HyperBEAM's <c>next_hashchain</c>): link n =
/// SHA-256(link n−1 ‖ ID of message n), where the ID is the message's all-commitments ID in its 43-character
/// base64url text (what <c>hb_message:id(Msg, all)</c> returns) and link −1 is empty, so link 0 = SHA-256(ID of the
/// process message). Links are 32 raw bytes; the <c>hash-chain</c> key of an assignment holds them base64url-encoded.
/// </summary>
public static class HashChain
{
    public static byte[] Next(ReadOnlySpan<byte> previous, string messageId)
    {
        var id = Encoding.ASCII.GetBytes(messageId);
        var input = new byte[previous.Length + id.Length];
        previous.CopyTo(input);
        id.CopyTo(input.AsSpan(previous.Length));
        return SHA256.HashData(input);
    }

    public static string Encode(ReadOnlySpan<byte> link) => Base64Url.Encode(link);

    public static byte[] Decode(string link) => link.Length == 0 ? [] : Base64Url.Decode(link);
}
