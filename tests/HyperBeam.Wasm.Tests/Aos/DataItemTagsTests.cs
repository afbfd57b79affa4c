using System.Globalization;
using System.Text.Json;
using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Tests.Aos;

/// <summary>
/// A message that came as a signed data item reaches <c>handle</c> with the item's own tags — its names (case and
/// all) in its order — as the legacy compute unit gives them and HyperBEAM's json-iface takes them from the ans104
/// commitment's <c>original-tags</c>; only a message without them gets its keys in header case.
/// </summary>
public sealed class DataItemTagsTests : IDisposable
{
    private readonly AosTestProcess _process = new();

    /// <summary>More than nine, so "10" and "11" must come after "9", not after "1".</summary>
    private static readonly (string Name, string Value)[] ItemTags =
    [
        ("Action", "Echo"), ("SDK", "aoconnect"), ("Zeta", "z"), ("lower-case", "l"), ("X-Reference", "7"), ("Data-Protocol", "ao"),
        ("Variant", "ao.N.1"), ("Type", "Message"), ("signing-format", "ans104"), ("Alpha", "a"), ("Eleventh", "11"),
    ];

    [Fact]
    public async Task Echoed_tags_are_the_items_original_tags_in_their_order_and_case()
    {
        Assert.True((await _process.SpawnAsync()).IsOk);
        var originalTags = Message.Empty;
        for (var i = 0; i < ItemTags.Length; i++)
            originalTags = originalTags.Set((i + 1).ToString(CultureInfo.InvariantCulture), Message.Of(("name", ItemTags[i].Name), ("value", ItemTags[i].Value)));
        var commitment = Message.Of(("commitment-device", "ans104@1.0"), ("alg", "rsa-pss"), ("committer", "signer-address"), ("original-tags", originalTags));
        var extra = ItemTags.Select(t => (t.Name.ToLowerInvariant(), (object?)t.Value))
            .Append(("commitments", Message.Empty.Set("item-id-000000000000000000000000000000000000", commitment))).ToArray();

        var results = await _process.SendAsync("Echo", extra);

        using var json = JsonDocument.Parse(results.GetText("json")!);
        var echoed = json.RootElement.GetProperty("Messages")[0].GetProperty("Tags").EnumerateArray()
            .Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("value").GetString()!)).ToArray();
        Assert.Equal(ItemTags, echoed);
    }

    public void Dispose() => _process.Dispose();
}
