using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Ids;

/// <summary>
/// RFC 9421 signature bases over an httpsig-encoded message, as HyperBEAM builds them: one line
/// <c>"name": value</c> per component, then <c>"@signature-params": (…);params</c>.
/// </summary>
public static class SignatureBase
{
    /// <summary>Keys that RFC 9421 treats as derived components; HyperBEAM marks them with <c>@</c>.</summary>
    private static readonly HashSet<string> DerivedComponents =
        ["method", "target-uri", "authority", "scheme", "request-target", "path", "query", "query-param", "status"];

    /// <summary>
    /// Sorted component identifiers for a set of keys: derived names gain an <c>@</c> prefix (and so sort first).
    /// </summary>
    public static IReadOnlyList<string> ComponentIdentifiers(IEnumerable<string> keys)
    {
        var ids = new List<string>();
        foreach (var key in keys)
        {
            var bare = key.StartsWith('@') ? key[1..] : key;
            ids.Add(DerivedComponents.Contains(bare) ? "@" + bare : bare);
        }
        ids.Sort(MessageKeys.Order);
        return ids;
    }

    /// <summary>RFC 9421 signature parameters; HyperBEAM drops any other.</summary>
    private static readonly HashSet<string> KnownParams = ["created", "expires", "nonce", "alg", "keyid", "tag"];

    /// <summary>The signature-params value: <c>("a" "b");alg="…";keyid="…"</c> with parameters in name order.</summary>
    public static string ParamsLine(IReadOnlyList<string> components, IEnumerable<KeyValuePair<string, string>> parameters) =>
        ParamsLine(components, parameters.Select(p => new KeyValuePair<string, SfBareItem>(p.Key, new SfString(p.Value))));

    /// <summary>The signature-params value with typed parameters (integers for <c>created</c>/<c>expires</c>).</summary>
    public static string ParamsLine(IReadOnlyList<string> components, IEnumerable<KeyValuePair<string, SfBareItem>> parameters)
    {
        var known = new List<KeyValuePair<string, SfBareItem>>(4);
        foreach (var parameter in parameters)
            if (KnownParams.Contains(parameter.Key)) known.Add(parameter);
        // By name, stably (an insertion sort of a handful): a repeated name keeps its order.
        for (var i = 1; i < known.Count; i++)
            for (var j = i; j > 0 && string.CompareOrdinal(known[j - 1].Key, known[j].Key) > 0; j--)
                (known[j - 1], known[j]) = (known[j], known[j - 1]);
        // Sized up front: a signer's key alone is 683 characters, which a default builder reaches in several chunks.
        var room = 2;
        foreach (var component in components) room += component.Length + 3;
        foreach (var (name, value) in known) room += name.Length + 4 + (value is SfString text ? text.Value.Length : 24);
        var sb = new StringBuilder(room).Append('(');
        for (var i = 0; i < components.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            AppendQuoted(sb, components[i].ToLowerInvariant());
        }
        sb.Append(')');
        foreach (var (name, value) in known)
        {
            sb.Append(';').Append(name).Append('=');
            if (value is SfString s) AppendQuoted(sb, s.Value);
            else StructuredFieldSerializer.SerializeBareItem(value, sb);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Component identifiers in the order HyperBEAM's signer lists them: sorted by bare key, then derived names
    /// prefixed with <c>@</c> (unlike <see cref="ComponentIdentifiers"/>, which sorts after prefixing).
    /// </summary>
    public static IReadOnlyList<string> SigningComponentIdentifiers(IEnumerable<string> keys)
    {
        var bare = keys.Select(k => k.StartsWith('@') ? k[1..] : k).ToList();
        bare.Sort(MessageKeys.Order);
        return bare.Select(k => DerivedComponents.Contains(k) ? "@" + k : k).ToList();
    }

    /// <summary>
    /// The signature base bytes. A component's line shows its name without the <c>@</c> of derived components and
    /// its value trimmed of spaces with newlines folded to spaces (HyperBEAM's field extraction).
    /// </summary>
    public static byte[] Build(Message encoded, IReadOnlyList<string> components, string paramsLine)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(paramsLine);
        // Sized first and written once: a base is a few kilobytes (a signer's key, a signature), grown in steps before.
        var names = new string[components.Count];
        var values = new AoBinary[components.Count];
        var size = ParamsPrefix.Length + Encoding.UTF8.GetByteCount(paramsLine);
        for (var i = 0; i < components.Count; i++)
        {
            var name = components[i].StartsWith('@') ? components[i][1..] : components[i];
            values[i] = encoded.Get(name) as AoBinary
                ?? throw new CodecException($"the signature covers '{name}', which the message does not have");
            names[i] = Quoted(name);
            size += Encoding.UTF8.GetByteCount(names[i]) + 3 + values[i].Span.Trim((byte)' ').Length; // ": " and '\n'
        }
        // The component lines joined by newlines, then a newline before the parameters (also when there are no lines).
        size += components.Count == 0 ? 1 : 0;
        var output = new byte[size];
        var at = 0;
        for (var i = 0; i < names.Length; i++)
        {
            at += Encoding.UTF8.GetBytes(names[i], output.AsSpan(at));
            output[at++] = (byte)':';
            output[at++] = (byte)' ';
            // HyperBEAM's field extraction: trimmed of spaces, newlines folded to spaces.
            var trimmed = values[i].Span.Trim((byte)' ');
            trimmed.CopyTo(output.AsSpan(at));
            output.AsSpan(at, trimmed.Length).Replace((byte)'\n', (byte)' ');
            at += trimmed.Length;
            output[at++] = (byte)'\n';
        }
        if (names.Length == 0) output[at++] = (byte)'\n';
        ParamsPrefix.CopyTo(output.AsSpan(at));
        at += ParamsPrefix.Length;
        at += Encoding.UTF8.GetBytes(paramsLine, output.AsSpan(at));
        return at == size ? output : throw new InvalidOperationException("signature base size miscounted");
    }

    private static ReadOnlySpan<byte> ParamsPrefix => "\"@signature-params\": "u8;

    private static string Quoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        AppendQuoted(sb, value);
        return sb.ToString();
    }

    private static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        // Most values (a 683-character key among them) have nothing to escape.
        if (value.AsSpan().IndexOfAny('\\', '"') < 0)
        {
            sb.Append(value).Append('"');
            return;
        }
        foreach (var c in value)
        {
            if (c is '\\' or '"') sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }
}
