using System.Text.Json;
using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// A JSON value the module returned, as a message value: objects become messages (keys normalised as every AO-Core key
/// is), arrays lists, strings and numbers themselves, <c>true</c>/<c>false</c>/<c>null</c> atoms. The result's
/// <c>raw</c> is the module's whole response so: what aoconnect's <c>result</c>, <c>results</c> and <c>dryrun</c> read
/// (as they do from hyper-aos's Lua results), where the JSON text in <c>json</c> is opaque to them.
/// </summary>
internal static class AosJsonValue
{
    public static AoValue From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Object(element),
        JsonValueKind.Array => new AoList(element.EnumerateArray().Select(From).ToArray()),
        JsonValueKind.String => AoBinary.FromString(element.GetString()!),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => new AoInteger(integer),
        JsonValueKind.Number => Number(element),
        JsonValueKind.True => AoAtom.True,
        JsonValueKind.False => AoAtom.False,
        _ => AoAtom.Null,
    };

    private static Message Object(JsonElement element)
    {
        var message = Message.Empty;
        foreach (var property in element.EnumerateObject())
            if (property.Name.Length > 0) message = message.Set(property.Name, From(property.Value));
        return message;
    }

    // A number too large for an integer, or with a fraction: a float when it is finite, else its text as written.
    private static AoValue Number(JsonElement element) =>
        element.TryGetDouble(out var value) && double.IsFinite(value)
            ? new AoFloat(value)
            : AoBinary.FromString(element.GetRawText());
}
