using System.Net;
using System.Text.Json.Nodes;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Interop.Tests;

/// <summary>
/// Items signed by the real arbundles 0.11 and @dha-team/arbundles 1.0 (aoconnect 0.0.98's signer), in every tag
/// layout clients send, posted to a real node: they verify as received, schedule (as a process and as a message on
/// it), and the process comes back from GET /ID as the very bytes signed, which the package verifies under the same ID.
/// </summary>
[Collection(NodeCollection.Name)]
public class ArbundlesThroughNodeTests(NodeFixture npm, HyperBeamNodeFixture hb) : IClassFixture<HyperBeamNodeFixture>
{
    private static readonly string[] Packages = ["arbundles", "@dha-team/arbundles"];
    private static readonly byte[] Anchor = "anchor-of-exactly-thirty-two-b.."u8.ToArray();

    public static TheoryData<string, string> PackagesAndLayouts()
    {
        var data = new TheoryData<string, string>();
        foreach (var package in Packages)
            foreach (var layout in ItemLayouts.Names)
                data.Add(package, layout);
        return data;
    }

    [Theory]
    [MemberData(nameof(PackagesAndLayouts))]
    public async Task Items_in_every_layout_verify_schedule_and_are_served_back_with_their_id(string package, string layout)
    {
        var process = await SignAsync(package, ProcessLayout(layout, new byte[32]));

        var created = await PostItemAsync("/~scheduler@1.0/schedule", process.Bytes);
        Assert.Equal(process.Id, created.GetText("process"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + process.Id);
        request.Headers.TryAddWithoutValidation("accept-codec", "ans104@1.0");
        using var response = await hb.Client.SendAsync(request);
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(served));
        Assert.Equal(Convert.ToBase64String(process.Bytes), Convert.ToBase64String(served));
        var check = await npm.RunAsync("verify-item.mjs", new JsonObject { ["item_b64"] = Json.B64(served), ["package"] = package });
        Assert.True(check.GetProperty("valid").GetBoolean());
        Assert.Equal(process.Id, check.GetProperty("id").GetString());

        var message = await SignAsync(package, ItemLayouts.Build(layout, Base64Url.Decode(process.Id), Anchor));
        var assignment = await PostItemAsync($"/{process.Id}~process@1.0/schedule", message.Bytes);
        Assert.Equal(1, assignment.Get("slot") is AoInteger { Value: var slot } ? slot : -1);
    }

    [Theory]
    [MemberData(nameof(PackagesAndLayouts))]
    public async Task Items_in_every_layout_answer_at_the_door_and_a_changed_byte_is_refused(string package, string layout)
    {
        var item = await SignAsync(package, ItemLayouts.Build(layout, new byte[32], Anchor));

        using var accepted = await hb.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/action", "ans104@1.0", item.Bytes));
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        Assert.Equal("Eval", await accepted.Content.ReadAsStringAsync());

        var tampered = item.Bytes.ToArray();
        tampered[tampered.AsSpan().IndexOf("Eval"u8) + 1] ^= 0x01;
        using var refused = await hb.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/action", "ans104@1.0", tampered));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static DataItem ProcessLayout(string layout, byte[] target)
    {
        var item = ItemLayouts.Build(layout, target, Anchor);
        return item with
        {
            Tags = [.. item.Tags.Where(t => !t.NameText.Equals("type", StringComparison.OrdinalIgnoreCase)), DataItemTag.Of("Type", "Process"),
                DataItemTag.Of("Device", "process@1.0"), DataItemTag.Of("Scheduler-Device", "scheduler@1.0"),
                DataItemTag.Of("Execution-Device", "patch@1.0"), DataItemTag.Of("Nonce", Guid.NewGuid().ToString("N"))],
        };
    }

    /// <summary>The package's own item for the layout (its tags, data, target and anchor), signed with the test wallet.</summary>
    private async Task<(byte[] Bytes, string Id)> SignAsync(string package, DataItem layout)
    {
        var input = new JsonObject
        {
            ["package"] = package,
            ["jwk"] = Json.Jwk(npm.Wallet.ToJwk(includePrivate: true)),
            ["data_b64"] = Json.B64(layout.Data),
            ["tags"] = Json.Tags(layout.Tags),
        };
        if (!layout.Target.IsEmpty) input["target_b64"] = Json.B64(layout.Target);
        if (!layout.Anchor.IsEmpty) input["anchor_b64"] = Json.B64(layout.Anchor);
        var output = await npm.RunAsync("sign-item.mjs", input);
        var bytes = Json.Bytes(output, "item_b64");
        Assert.True(layout.Tags.SequenceEqual(DataItem.Deserialize(bytes).Tags), "the package changed the tags it was given");
        return (bytes, output.GetProperty("id").GetString()!);
    }

    private async Task<Message> PostItemAsync(string path, byte[] item)
    {
        using var response = await hb.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, path, "ans104@1.0", item));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return HttpSigCodec.Decode(await HttpMessages.ReplyAsync(response));
    }
}
