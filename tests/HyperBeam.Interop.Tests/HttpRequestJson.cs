using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBeam.Core.Messages;

namespace HyperBeam.Interop.Tests;

/// <summary>
/// HTTP requests as the http-message-signatures scripts exchange them (<c>headers</c>: name → text) and as
/// <c>httpsig@1.0</c> holds them (a message of binaries, header names lower-cased, the body under <c>body</c>).
/// </summary>
internal static class HttpRequestJson
{
    public static Dictionary<string, string> Headers(JsonElement output) =>
        output.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    public static JsonObject ToJson(IReadOnlyDictionary<string, string> headers) =>
        new(headers.Select(h => new KeyValuePair<string, JsonNode?>(h.Key, h.Value)));

    /// <summary>The value of a header, whatever the case of its name.</summary>
    public static string Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.Single(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public static Dictionary<string, string> With(IReadOnlyDictionary<string, string> headers, string name, string value)
    {
        var copy = new Dictionary<string, string>(headers);
        copy[headers.Keys.Single(k => k.Equals(name, StringComparison.OrdinalIgnoreCase))] = value;
        return copy;
    }

    /// <summary>The HTTP form <c>HttpSigCodec.Decode</c> takes: lower-cased header names, plus the body if any.</summary>
    public static Message ToHttpMessage(IReadOnlyDictionary<string, string> headers, byte[]? body)
    {
        var message = Message.Empty;
        foreach (var (name, value) in headers) message = message.Set(name.ToLowerInvariant(), new AoBinary(Encoding.UTF8.GetBytes(value)));
        return body is null ? message : message.Set("body", new AoBinary(body));
    }

    /// <summary>The headers of an encoded message (every key but the body) as text, for the library.</summary>
    public static Dictionary<string, string> FromHttpMessage(Message http) =>
        http.Entries.ToArray().Where(e => e.Key != "body").ToDictionary(e => e.Key, e => ((AoBinary)e.Value).Text);
}
