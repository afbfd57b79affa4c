using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Codecs.HttpSig;

/// <summary>
/// The signature base of RFC 9421 section 2.5, as a client such as the npm <c>http-message-signatures</c> builds it:
/// each component identifier serialized as received (<c>"@query-param";name="a"</c>), derived components computed
/// from the request (method, the raw request target in <c>path</c>, and the authority and scheme it was received
/// with), and the <c>@signature-params</c> line as the received inner list: parameters in their order, unknown ones
/// kept. HyperBEAM's own dialect (sorted parameters, <c>"path"</c> for <c>@path</c>) is <see cref="HyperBeam.Core.Ids.SignatureBase"/>.
/// </summary>
internal static class Rfc9421SignatureBase
{
    /// <summary>Where a commitment remembers the authority (the Host) a request was received with.</summary>
    public const string AuthorityKey = "authority";

    /// <summary>Where a commitment remembers the scheme a request was received with.</summary>
    public const string SchemeKey = "scheme";

    /// <summary>The base, or null when a component cannot be derived from what the message and commitment hold.</summary>
    public static byte[]? Build(Message message, Message encoded, Message commitment, SfInnerList input)
    {
        var output = new StringBuilder();
        foreach (var component in input.Items)
        {
            if (component.Value is not SfString { Value: var name }) return null;
            var values = name.StartsWith('@') ? Derived(name, component.Parameters, message, commitment) : Field(name, component.Parameters, encoded);
            if (values is null) return null;
            var identifier = StructuredFieldSerializer.SerializeItem(component);
            foreach (var value in values) output.Append(identifier).Append(": ").Append(value).Append('\n');
        }
        output.Append("\"@signature-params\": ").Append(StructuredFieldSerializer.SerializeMember(input));
        return Encoding.Latin1.GetBytes(output.ToString());
    }

    /// <summary>A field as received; fields with parameters (<c>sf</c>, <c>key</c>, <c>bs</c>, <c>req</c>) are not supported.</summary>
    private static string[]? Field(string name, SfParameters parameters, Message encoded)
    {
        if (parameters.Count > 0 || encoded.Get(name) is not AoBinary value) return null;
        // RFC 9421 2.1: leading and trailing whitespace trimmed, obsolete line folding replaced by a space.
        return [Encoding.Latin1.GetString(value.Span).Trim(' ', '\t').Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ')];
    }

    private static string[]? Derived(string name, SfParameters parameters, Message message, Message commitment)
    {
        if (name != "@query-param" && parameters.Count > 0) return null;
        var target = message.GetText("path");
        var (scheme, authority, requestTarget) = Target(target, commitment, message);
        var path = requestTarget?.Split('?', 2)[0];
        var query = requestTarget is not null && requestTarget.IndexOf('?') is >= 0 and var q ? requestTarget[(q + 1)..] : null;
        return name switch
        {
            "@method" => message.GetText("method") is { } method ? [method.ToUpperInvariant()] : null,
            "@target-uri" => scheme is null || authority is null || requestTarget is null ? null : [$"{scheme}://{authority}{requestTarget}"],
            "@authority" => authority is null ? null : [authority],
            "@scheme" => scheme is null ? null : [scheme],
            "@request-target" => requestTarget is null ? null : [requestTarget],
            "@path" => path is null ? null : [path.Length == 0 ? "/" : path],
            "@query" => requestTarget is null ? null : [string.IsNullOrEmpty(query) ? "?" : "?" + query],
            "@query-param" => requestTarget is null ? null : QueryParam(query ?? "", parameters),
            "@status" => message.Get("status") is { } status ? [status is AoInteger i ? i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : ((AoBinary)status).Text] : null,
            _ => null,
        };
    }

    /// <summary>Scheme, authority (lower case) and request target, from an absolute <c>path</c> or from the commitment's record.</summary>
    private static (string? Scheme, string? Authority, string? RequestTarget) Target(string? path, Message commitment, Message message)
    {
        if (path is not null && Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return (uri.Scheme, uri.IsDefaultPort ? uri.Host.ToLowerInvariant() : $"{uri.Host.ToLowerInvariant()}:{uri.Port}", uri.PathAndQuery);
        var authority = commitment.GetText(AuthorityKey) ?? message.GetText("host");
        return (commitment.GetText(SchemeKey)?.ToLowerInvariant(), authority?.ToLowerInvariant(), path);
    }

    /// <summary>RFC 9421 2.2.8: every value of the named parameter, form-decoded and then percent-encoded again.</summary>
    private static string[]? QueryParam(string query, SfParameters parameters)
    {
        if (!parameters.TryGet("name", out var nameParam) || nameParam is not SfString { Value: var wanted }) return null;
        var name = FormDecode(wanted);
        var values = new List<string>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = FormDecode(eq < 0 ? pair : pair[..eq]);
            if (key == name) values.Add(ComponentEncode(FormDecode(eq < 0 ? "" : pair[(eq + 1)..])));
        }
        return values.Count == 0 ? null : [.. values];
    }

    private static string FormDecode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>JavaScript's <c>encodeURIComponent</c>: everything but letters, digits and <c>-_.!~*'()</c> percent-encoded as UTF-8.</summary>
    private static string ComponentEncode(string text)
    {
        var output = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "-_.!~*'()".Contains((char)b)) output.Append((char)b);
            else output.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return output.ToString();
    }
}
