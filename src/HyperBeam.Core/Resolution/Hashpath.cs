using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// Hashpaths (HyperBEAM's <c>hb_path</c>): a rolling link from a result back to the messages that produced it.
/// A message with no hashpath yet starts from its ID; applying a request appends either its first path key
/// (when the request holds nothing but a path) or its ID. A two-part hashpath is first folded into one ID with the
/// base message's <c>hashpath-alg</c>, so a hashpath is always <c>base/part</c>.
/// </summary>
public static class Hashpath
{
    /// <summary>The private key the resolver stores a result's hashpath under.</summary>
    public const string PrivateKey = "hashpath";

    /// <summary>A message's hashpath: the one in its private part, else its ID with all commitments.</summary>
    public static string Of(Message message) => message.Priv.GetText(PrivateKey) ?? MessageIds.All(message);

    /// <summary>A binary's hashpath: its SHA-256, base64url encoded.</summary>
    public static string Of(AoBinary binary) => Base64Url.Encode(SHA256.HashData(binary.Span));

    /// <summary>The hashpath of the result of applying <paramref name="request"/> to <paramref name="base"/>.</summary>
    public static string Append(Message @base, Message request) =>
        TryAppend(@base, request, out var hashpath, out var error) ? hashpath : throw new FormatException(error);

    /// <summary>Appends a request to an existing hashpath, folding with <paramref name="algorithm"/>.</summary>
    public static string Append(string baseHashpath, Message request, HashpathAlgorithm algorithm = HashpathAlgorithm.Sha256Chain) =>
        TryAppend(baseHashpath, RequestPart(request), algorithm, out var hashpath, out var error) ? hashpath : throw new FormatException(error);

    public static bool TryAppend(Message @base, Message request, out string hashpath, out string? error)
    {
        hashpath = "";
        if (!TryAlgorithmOf(@base, out var algorithm, out error)) return false;
        string baseHashpath, part;
        try
        {
            baseHashpath = Of(@base);
            part = RequestPart(request);
        }
        catch (FormatException e)
        {
            // The ID codec rejects messages it cannot encode; that is this message's problem, not a crash.
            error = $"cannot compute a message ID: {e.Message}";
            return false;
        }
        return TryAppend(baseHashpath, part, algorithm, out hashpath, out error);
    }

    /// <summary>What a request contributes to a hashpath: its first path key, or its ID if it carries more than a path.</summary>
    public static string RequestPart(Message request)
    {
        // HyperBEAM ignores its AO-Core keys (path, hashpath, priv) when deciding; Priv is already apart here.
        var meta = (request.ContainsKey("path") ? 1 : 0) + (request.ContainsKey(PrivateKey) ? 1 : 0);
        if (request.Count == meta && RequestPath.Head(request) is { } key) return key;
        return MessageIds.All(request);
    }

    /// <summary>The algorithm a message asks for with <c>hashpath-alg</c> (default <c>sha-256-chain</c>).</summary>
    public static bool TryAlgorithmOf(Message message, out HashpathAlgorithm algorithm, out string? error)
    {
        var name = message.Get("hashpath-alg") switch
        {
            null => null,
            AoBinary b => b.Text,
            var other => other.ToString(),
        };
        error = null;
        if (HashpathAlgorithms.TryParse(name, out algorithm)) return true;
        error = $"unknown hashpath-alg '{name}'";
        return false;
    }

    public static bool TryAppend(string baseHashpath, string part, HashpathAlgorithm algorithm, out string hashpath, out string? error)
    {
        hashpath = "";
        error = null;
        var slash = baseHashpath.IndexOf('/');
        if (slash < 0)
        {
            hashpath = string.Concat(baseHashpath, "/", part);
            return true;
        }
        var parts = baseHashpath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1)
        {
            hashpath = string.Concat(baseHashpath, "/", part);
            return true;
        }
        if (parts.Length != 2)
        {
            error = $"hashpath '{baseHashpath}' has {parts.Length} parts; expected one or two";
            return false;
        }
        try
        {
            // The first part is always an ID; the second is an ID when it looks like one, else a literal key.
            var prev1 = NativeId(parts[0]);
            var prev2 = parts[1].Length == 43 ? Base64Url.Decode(parts[1]) : Encoding.UTF8.GetBytes(parts[1]);
            if (prev1.Length != 32)
            {
                error = $"hashpath base '{parts[0]}' is not an ID";
                return false;
            }
            var folded = HashpathAlgorithms.Apply(algorithm, prev1, prev2);
            hashpath = string.Concat(Base64Url.Encode(folded), "/", part);
            return true;
        }
        catch (FormatException e)
        {
            error = $"hashpath '{baseHashpath}' holds an undecodable ID: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// HyperBEAM's <c>verify_hashpath</c>: over a sliding window of three, each third message's hashpath must equal
    /// the hashpath of applying the second to the first. Fewer than three messages verify nothing and fail.
    /// </summary>
    public static bool Verify(IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count < 3) return false;
        for (var i = 0; i + 2 < messages.Count; i++)
        {
            if (!TryAppend(messages[i], messages[i + 1], out var expected, out _)) return false;
            if (!string.Equals(expected, Of(messages[i + 2]), StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private static byte[] NativeId(string id) => id.Length == 43 ? Base64Url.Decode(id) : Encoding.UTF8.GetBytes(id);
}
