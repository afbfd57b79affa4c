using System.Globalization;
using System.Text.Json;
using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// What <c>handle</c> returned, as the process's <c>results</c> (HyperBEAM's <c>json_to_message</c> plus what
/// ao-loader returns): <c>json</c> the response as the module wrote it (Output, Messages, Spawns, Assignments, Error,
/// GasUsed), <c>raw</c> the same as a message (<see cref="AosJsonValue"/>), <c>data</c> the output's <c>data</c> (or
/// the Output text, or the Error), <c>error</c> when the module
/// reported one, and <c>outbox</c> the Messages numbered from 1, each its tags as keys (lower case) with
/// <c>target</c>, <c>data</c>, <c>from-process</c> and <c>from-image</c>, for <c>push@1.0</c>.
/// </summary>
internal static class AosJsonResult
{
    /// <summary>The results message, or why the returned text is not a JSON-interface result.</summary>
    public static (Message? Results, string? Error) Parse(string text, string processId, string moduleId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return (null, $"handle returned text that is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "handle returned JSON that is not an object");
            if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False)
                return (Failed(root.TryGetProperty("error", out var e) ? Plain(e) : "the module reported a failure"), null);
            if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
                return (null, "handle returned JSON without a response object");

            var results = Message.Empty.Set("json", response.GetRawText()).Set("raw", AosJsonValue.From(response)).Set("type", "ok");
            if (response.TryGetProperty("Error", out var error) && error.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                && Plain(error) is { Length: > 0 } errorText)
                return (results.Set("error", errorText).Set("data", errorText).Set("outbox", Message.Empty), null);

            var data = response.TryGetProperty("Output", out var output) ? OutputData(output) : "";
            var outbox = Message.Empty;
            if (response.TryGetProperty("Messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                var n = 0;
                foreach (var item in messages.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object)
                        outbox = outbox.Set((++n).ToString(CultureInfo.InvariantCulture), Outgoing(item, processId, moduleId));
            }
            return (results.Set("data", data).Set("outbox", outbox), null);
        }
    }

    /// <summary>The results of a slot whose call failed (a trap, fuel, the memory cap, a bad result).</summary>
    public static Message Failed(string error) =>
        Message.Empty.Set("type", "error").Set("error", error).Set("data", error).Set("outbox", Message.Empty);

    private static string OutputData(JsonElement output) => output.ValueKind switch
    {
        JsonValueKind.Object when output.TryGetProperty("data", out var data) => Plain(data),
        JsonValueKind.Object => "",
        _ => Plain(output),
    };

    private static Message Outgoing(JsonElement item, string processId, string moduleId)
    {
        var message = Message.Empty;
        foreach (var property in item.EnumerateObject())
        {
            var key = property.Name.ToLowerInvariant();
            if (key is "tags" or "anchor" or "from-process" or "from-image") continue;
            message = message.Set(key, Plain(property.Value));
        }
        if (item.TryGetProperty("Tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
            foreach (var tag in tags.EnumerateArray())
                if (tag.ValueKind == JsonValueKind.Object && tag.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && name.GetString() is { Length: > 0 } tagName)
                    message = message.Set(tagName.ToLowerInvariant(), tag.TryGetProperty("value", out var value) ? Plain(value) : "");
        return message.Set("from-process", processId).Set("from-image", moduleId);
    }

    /// <summary>A string as itself, anything else as its JSON text.</summary>
    private static string Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
