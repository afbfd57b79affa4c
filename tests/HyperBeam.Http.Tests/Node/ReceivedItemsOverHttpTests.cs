using System.Net;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// Signed ANS-104 items in the tag layouts clients send (unsorted, mixed case, repeated names, 3 KB values, empty or
/// binary data, target and anchor) verify as they arrived, schedule with only the keys they carry (not the HTTP path
/// and method), and are served back at their ID as the very bytes that were signed.
/// </summary>
public class ReceivedItemsOverHttpTests(NodeFixture node, StrangerWallet signer) : IClassFixture<NodeFixture>, IClassFixture<StrangerWallet>
{
    private static readonly byte[] Anchor = "anchor-of-exactly-thirty-two-b.."u8.ToArray();

    public static TheoryData<string> Layouts => new(ItemLayouts.Names);

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_signed_item_in_any_layout_verifies_at_the_door(string layout)
    {
        var item = ItemLayouts.Build(layout, new byte[32], Anchor).Sign(signer.Wallet);

        using var response = await node.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/action", "ans104@1.0", item.Serialize()));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("Eval", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_process_item_in_any_layout_schedules_and_is_served_back_at_its_id_byte_for_byte(string layout)
    {
        var process = ProcessItem(layout);

        var created = await PostItemAsync("/~scheduler@1.0/schedule", process);
        Assert.Equal(0, created.Get("slot") is AoInteger { Value: var slot } ? slot : -1);
        Assert.Equal(process.Id, created.GetText("process"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + process.Id);
        request.Headers.TryAddWithoutValidation("accept-codec", "ans104@1.0");
        using var response = await node.Client.SendAsync(request);
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(served));
        var item = DataItem.Deserialize(served);
        Assert.True(item.Verify());
        Assert.Equal(process.Id, item.Id);
        Assert.Equal(Convert.ToBase64String(process.Serialize()), Convert.ToBase64String(served));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_message_item_in_any_layout_schedules_on_a_process_with_only_its_own_keys(string layout)
    {
        var process = ProcessItem("unsorted-lower-case");
        await PostItemAsync("/~scheduler@1.0/schedule", process);
        var message = ItemLayouts.Build(layout, Base64Url.Decode(process.Id), Anchor).Sign(signer.Wallet);

        var assignment = await PostItemAsync($"/{process.Id}~process@1.0/schedule", message);

        Assert.Equal(1, assignment.Get("slot") is AoInteger { Value: var slot } ? slot : -1);
        var body = assignment.GetMessage("body") ?? Message.Empty;
        Assert.False(body.ContainsKey("path") || body.ContainsKey("method"), $"the scheduled message kept HTTP keys: {body}");
    }

    [Fact]
    public async Task A_signed_item_with_one_byte_changed_in_a_long_tag_value_is_refused()
    {
        var bytes = ItemLayouts.Build("3-kb-value", new byte[32], Anchor).Sign(signer.Wallet).Serialize();
        bytes[bytes.AsSpan().IndexOf("xxxx"u8) + 100] = (byte)'y';

        using var response = await node.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/action", "ans104@1.0", bytes));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signature does not verify", await response.Content.ReadAsStringAsync());
    }

    private DataItem ProcessItem(string layout)
    {
        var item = ItemLayouts.Build(layout, new byte[32], Anchor);
        return (item with
        {
            Tags = [.. item.Tags.Where(t => !t.NameText.Equals("type", StringComparison.OrdinalIgnoreCase)), DataItemTag.Of("Type", "Process"), DataItemTag.Of("Device", "process@1.0"),
                DataItemTag.Of("Scheduler-Device", "scheduler@1.0"), DataItemTag.Of("Execution-Device", "patch@1.0"),
                DataItemTag.Of("Nonce", Guid.NewGuid().ToString("N"))],
        }).Sign(signer.Wallet);
    }

    private async Task<Message> PostItemAsync(string path, DataItem item)
    {
        using var response = await node.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, path, "ans104@1.0", item.Serialize()));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await HttpMessages.DecodeReplyAsync(response);
    }
}
