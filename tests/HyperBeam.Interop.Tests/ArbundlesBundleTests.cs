using System.Text.Json.Nodes;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Interop.Tests;

/// <summary>Bundles built by each side and read by the other.</summary>
[Collection(NodeCollection.Name)]
public class ArbundlesBundleTests(NodeFixture node)
{
    [Fact]
    public async Task A_bundle_arbundles_builds_reads_here_with_every_item_verifying()
    {
        var output = await node.RunAsync("make-bundle.mjs", new JsonObject
        {
            ["items"] = new JsonArray(
                new JsonObject { ["data_b64"] = Json.B64("first"u8.ToArray()), ["tags"] = Json.Tags([DataItemTag.Of("n", "1")]) },
                new JsonObject { ["data_b64"] = Json.B64("second"u8.ToArray()), ["tags"] = new JsonArray() },
                new JsonObject { ["data_b64"] = Json.B64(new byte[5000]), ["tags"] = Json.Tags([DataItemTag.Of("Big", "yes")]) }),
        });
        var bytes = Json.Bytes(output, "bundle_b64");
        var entries = Bundle.Deserialize(bytes);

        var ids = output.GetProperty("ids").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(ids, entries.Select(e => e.Item.Id));
        Assert.All(entries, e => Assert.Equal(e.Item.NativeId, e.Id.ToArray()));
        Assert.All(entries, e => Assert.True(e.Item.Verify()));
        Assert.Equal("first"u8.ToArray(), entries[0].Item.Data.ToArray());
        Assert.Equal(5000, entries[2].Item.Data.Length);
        Assert.Equal(bytes, Bundle.Serialize(entries.Select(e => e.Item).ToList()));
    }

    [Fact]
    public async Task A_bundle_we_build_reads_in_arbundles_with_every_item_verifying()
    {
        var wallet = node.Wallet;
        var items = new[]
        {
            DataItem.Create("one"u8.ToArray(), [DataItemTag.Of("Content-Type", "text/plain")]),
            DataItem.Create("two"u8.ToArray(), target: Enumerable.Repeat((byte)9, 32).ToArray()),
            DataItem.Create(new byte[3000], [DataItemTag.Of("k", "v"), DataItemTag.Of("k", "w")]),
        }.Select(i => i.Sign(wallet)).ToList();

        var output = await node.RunAsync("read-bundle.mjs", new JsonObject { ["bundle_b64"] = Json.B64(Bundle.Serialize(items)) });

        Assert.True(output.GetProperty("verified").GetBoolean());
        Assert.Equal(items.Select(i => i.Id), output.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        var read = output.GetProperty("items").EnumerateArray().ToList();
        Assert.All(read, r => Assert.True(r.GetProperty("valid").GetBoolean()));
        Assert.Equal<DataItemTag>(items[2].Tags, Json.Tags(read[2].GetProperty("tags")));
        Assert.Equal(items[0].Data.ToArray(), Json.Bytes(read[0], "data_b64"));
    }
}
