using System.Globalization;
using System.Text.Json;
using HyperBeam.Codecs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Devices.Scheduler;

/// <summary>
/// The legacy scheduler-unit JSON that aoconnect's <c>getMessages</c>, <c>getLastSlot</c> and <c>getMessageById</c>
/// read (HyperBEAM's <c>dev_scheduler_formats:assignments_to_aos2</c>, <c>application/aos-2</c>):
/// <c>{page_info: {has_next_page}, edges: [{cursor: slot, node: {message, assignment}}]}</c>, each message and
/// assignment as <c>{id, owner: {address, key}, tags: [{name, value}], data, signature, anchor, target}</c>. The
/// assignment's tags carry <c>Nonce</c> (the slot), <c>Process</c>, <c>Epoch</c>, <c>Timestamp</c>,
/// <c>Block-Height</c>, <c>Hash-Chain</c> and <c>Message</c>.
/// </summary>
internal static class Aos2Format
{
    public const string MediaType = "application/aos-2";

    public static Message Page(string processId, IReadOnlyList<Message> assignments, bool hasNextPage, string? schedulerAddress)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("page_info");
            json.WriteString("process", processId);
            json.WriteBoolean("has_next_page", hasNextPage);
            json.WriteEndObject();
            json.WriteStartArray("edges");
            foreach (var assignment in assignments)
            {
                json.WriteStartObject();
                json.WriteString("cursor", Text(assignment.Get(AssignmentKeys.Slot)));
                json.WritePropertyName("node");
                Node(json, assignment, schedulerAddress);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Reply(buffer.ToArray());
    }

    /// <summary>One <c>{message, assignment}</c> node: what the legacy API answers for a message ID.</summary>
    public static Message One(Message assignment, string? schedulerAddress)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) Node(json, assignment, schedulerAddress);
        return Reply(buffer.ToArray());
    }

    private static Message Reply(byte[] body) =>
        Message.Of(("content-type", "application/json"), ("body", body), ("cache-control", "no-store"));

    private static void Node(Utf8JsonWriter json, Message assignment, string? schedulerAddress)
    {
        var body = assignment.Get(AssignmentKeys.Body) as Message ?? Message.Empty;
        json.WriteStartObject();
        json.WritePropertyName("message");
        MessageJson(json, body);
        json.WritePropertyName("assignment");
        AssignmentJson(json, assignment, MessageId(body), schedulerAddress);
        json.WriteEndObject();
    }

    private static void AssignmentJson(Utf8JsonWriter json, Message assignment, string messageId, string? schedulerAddress)
    {
        json.WriteStartObject();
        json.WriteString("id", MessageIds.All(assignment.Remove(AssignmentKeys.Body)));
        json.WriteStartObject("owner");
        json.WriteString("address", schedulerAddress ?? "");
        json.WriteEndObject();
        json.WriteStartArray("tags");
        Tag(json, "Data-Protocol", "ao");
        Tag(json, "Variant", "ao.N.1");
        Tag(json, "Type", "Assignment");
        Tag(json, "Process", Text(assignment.Get(AssignmentKeys.Process)));
        Tag(json, "Epoch", Text(assignment.Get(AssignmentKeys.Epoch)));
        Tag(json, "Nonce", Text(assignment.Get(AssignmentKeys.Slot)));
        Tag(json, "Hash-Chain", Text(assignment.Get(AssignmentKeys.HashChain)));
        Tag(json, "Block-Height", Text(assignment.Get(AssignmentKeys.BlockHeight)));
        Tag(json, "Timestamp", Text(assignment.Get(AssignmentKeys.Timestamp)));
        Tag(json, "Message", messageId);
        json.WriteEndArray();
        json.WriteString("data", "");
        json.WriteEndObject();
    }

    private static void MessageJson(Utf8JsonWriter json, Message message)
    {
        var signer = SignedCommitment(message);
        json.WriteStartObject();
        json.WriteString("id", MessageId(message));
        json.WriteStartObject("owner");
        json.WriteString("address", signer?.GetText(Ans104Codec.CommitterKey) ?? "");
        json.WriteString("key", signer?.Get("owner") is AoBinary ownerKey ? Base64Url.Encode(ownerKey.Span) : "");
        json.WriteEndObject();
        json.WriteString("signature", signer?.Get("signature") is AoBinary signature ? Base64Url.Encode(signature.Span) : "");
        json.WriteString("target", IdText(message.Get("target")));
        json.WriteString("anchor", message.GetText("anchor") ?? "");
        json.WriteStartArray("tags");
        if (signer?.Get(Ans104Codec.OriginalTagsKey) is Message original)
        {
            // The tags as the signer sent them (names in their own case and order).
            foreach (var (_, value) in original)
                if (value is Message tag) Tag(json, tag.GetText("name") ?? "", tag.GetText("value") ?? "");
        }
        else
        {
            foreach (var (key, value) in message)
                if (key is not (CommittedKeys.CommitmentsKey or "data" or "body" or "target" or "anchor") && value is AoBinary b && b.IsUtf8)
                    Tag(json, key, b.Text);
        }
        json.WriteEndArray();
        json.WriteString("data", (message.Get("data") ?? message.Get("body")) is AoBinary { IsUtf8: true } data ? data.Text : "");
        json.WriteEndObject();
    }

    /// <summary>A data item's ID when the message is one; otherwise its ID with all commitments.</summary>
    private static string MessageId(Message message)
    {
        if (message.Get(CommittedKeys.CommitmentsKey) is Message commitments)
            foreach (var (id, value) in commitments)
                if (value is Message c && c.GetText(Ans104Codec.CommitmentDeviceKey) == CodecNames.Ans104 && c.GetText(Ans104Codec.AlgKey) == Ans104Codec.SignedAlg)
                    return id;
        return MessageIds.All(message);
    }

    private static Message? SignedCommitment(Message message)
    {
        if (message.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return null;
        foreach (var (_, value) in commitments)
            if (value is Message c && c.Get("signature") is AoBinary) return c;
        return null;
    }

    private static string IdText(AoValue? value) => ProcessTarget.IdText(value) ?? "";

    private static string Text(AoValue? value) => value switch
    {
        AoInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
        AoBinary b => b.Text,
        null => "",
        var other => other.ToString(),
    };

    private static void Tag(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
