using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// An AO message as the JSON interface hands it to <c>handle</c> (HyperBEAM's <c>message_to_json_struct</c>, the shape
/// @permaweb/ao-loader's callers pass): <c>Id</c>, <c>Anchor</c>, <c>Owner</c> (the signer's address), <c>From</c>
/// (<c>from-process</c>, else the owner), <c>Tags</c> (every other plain key as <c>{name, value}</c>, names in header
/// case), <c>Target</c>, <c>Data</c> (the <c>data</c> key, else a text <c>body</c>); for the message itself also
/// <c>Module</c>, <c>Block-Height</c> and <c>Timestamp</c> from the assignment. The environment is
/// <c>{Process: ..., Module: {Id}}</c>.
/// </summary>
internal static class AosJsonMessage
{
    private static readonly HashSet<string> NotTags = new(StringComparer.Ordinal)
    {
        "id", "anchor", "owner", "data", "target", "signature", "commitments", "body", "device", "path", "method",
    };

    public static byte[] Message(Message message, Message assignment, string moduleId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteFields(json, message);
            json.WriteString("Module", moduleId);
            json.WriteString("Block-Height", Text(assignment.Get("block-height")) ?? "0");
            json.WriteString("Timestamp", Text(assignment.Get("timestamp")) ?? "0");
            json.WriteBoolean("Cron", false);
            json.WriteEndObject();
        }
        return Terminated(buffer);
    }

    public static byte[] Environment(Message process, string moduleId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("Process");
            json.WriteStartObject();
            WriteFields(json, process);
            json.WriteEndObject();
            json.WritePropertyName("Module");
            json.WriteStartObject();
            json.WriteString("Id", moduleId);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Terminated(buffer);
    }

    private static void WriteFields(Utf8JsonWriter json, Message message)
    {
        var owner = Owner(message);
        json.WriteString("Id", MessageIds.All(message));
        json.WriteString("Owner", owner);
        json.WriteString("From", message.GetText("from-process") ?? owner);
        json.WriteString("Target", message.GetText("target") ?? "");
        json.WriteString("Anchor", message.GetText("anchor") ?? "");
        json.WritePropertyName("Tags");
        json.WriteStartArray();
        if (OriginalTags(message) is { } originalTags)
            foreach (var (name, text) in originalTags) WriteTag(json, name, text);
        else
            foreach (var (key, value) in message.Entries)
                if (!NotTags.Contains(key) && Text(value) is { } text) WriteTag(json, HeaderCase(key), text);
        json.WriteEndArray();
        var data = message.Get("data") ?? message.Get("body");
        if (data is AoBinary { IsUtf8: true } dataText) json.WriteString("Data", dataText.Text);
        else if (data is null) json.WriteString("Data", "");
        else json.WriteNull("Data");
    }

    private static void WriteTag(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    /// <summary>
    /// The tags of the data item the message came as, by its ans104 commitment's <c>original-tags</c> (numbered
    /// <c>{name, value}</c> messages, or a list of them), in the item's order with the item's names: what the legacy
    /// compute unit hands the module, and what HyperBEAM's json-iface prefers over the header-cased keys. Null when the
    /// message has none.
    /// </summary>
    private static List<(string Name, string Value)>? OriginalTags(Message message)
    {
        if (message.GetMessage(MessageIds.CommitmentsKey) is not { } commitments) return null;
        foreach (var (_, commitment) in commitments.Entries)
        {
            if (commitment is not Message c || c.GetText("commitment-device") != "ans104@1.0") continue;
            IEnumerable<AoValue>? entries = c.Get("original-tags") switch
            {
                Message numbered => numbered.Entries.ToArray()
                    .Select(e => (Order: long.TryParse(e.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue, e.Value))
                    .OrderBy(e => e.Order).Select(e => e.Value),
                AoList list => list.Items,
                _ => null,
            };
            if (entries is null) continue;
            var tags = new List<(string, string)>();
            foreach (var entry in entries)
                if (entry is Message tag && Text(tag.Get("name")) is { } name && Text(tag.Get("value")) is { } value) tags.Add((name, value));
            return tags;
        }
        return null;
    }

    /// <summary>The address of the message's first signer (its first commitment naming a committer), else empty.</summary>
    private static string Owner(Message message)
    {
        if (message.GetMessage(MessageIds.CommitmentsKey) is not { } commitments) return "";
        foreach (var (_, commitment) in commitments.Entries)
            if (commitment is Message c && c.GetText("committer") is { Length: > 0 } committer) return committer;
        return "";
    }

    private static string? Text(AoValue? value) => value switch
    {
        AoBinary { IsUtf8: true } b => b.Text,
        AoInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
        AoFloat f => f.Value.ToString(CultureInfo.InvariantCulture),
        AoAtom a => a.Name,
        _ => null,
    };

    /// <summary><c>data-protocol</c> → <c>Data-Protocol</c> (HyperBEAM's <c>to_header_case</c>).</summary>
    internal static string HeaderCase(string key)
    {
        var builder = new StringBuilder(key.Length);
        var upper = true;
        foreach (var c in key)
        {
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = c == '-';
        }
        return builder.ToString();
    }

    private static byte[] Terminated(MemoryStream buffer)
    {
        buffer.WriteByte(0);
        return buffer.ToArray();
    }
}
