using System.Diagnostics;
using System.Net;
using System.Text;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// The HTTP surface under a bounded fuzz: signed requests with one byte changed and bodies with many keys. Every
/// answer comes (no hang: the client gives each one a minute), none is a 5xx, and the process's memory stays bounded.
/// </summary>
public class HostileFuzzTests(NodeFixture fixture, StrangerWallet signer) : IClassFixture<NodeFixture>, IClassFixture<StrangerWallet>
{
    private const long MemoryBoundBytes = 1L << 30;

    [Fact]
    public async Task Signed_requests_with_one_byte_changed_are_refused_without_a_5xx()
    {
        var random = new Random(9421);
        var signed = HttpSigCommitments.Commit(
            Message.Of(("path", "/~message@1.0/note"), ("method", "POST"), ("note", "signed value"), ("n", 42), ("body", "some body text")), signer.Wallet);
        var template = HttpMessages.Request(HttpMethod.Post, "/~message@1.0/note", signed);
        // path and method come from the request line; a header of that name is not read, so changing it changes nothing.
        var headers = template.Headers.Concat(template.Content!.Headers)
            .Where(h => h.Key.ToLowerInvariant() is not ("content-length" or "path" or "method"))
            .Select(h => (h.Key, Value: string.Join(", ", h.Value))).ToList();
        var body = await template.Content.ReadAsByteArrayAsync();

        var refused = 0;
        var accepted = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var what = "";
            var mutatedHeaders = headers.ToList();
            var mutatedBody = body.ToArray();
            if (random.Next(2) == 0 && mutatedBody.Length > 0)
            {
                var b = random.Next(mutatedBody.Length);
                mutatedBody[b] ^= (byte)(1 << random.Next(8));
                what = $"body[{b}]";
            }
            else
            {
                var h = random.Next(mutatedHeaders.Count);
                var value = mutatedHeaders[h].Value.ToCharArray();
                var at = random.Next(value.Length);
                value[at] = (char)(value[at] == 'A' ? 'B' : 'A');
                mutatedHeaders[h] = (mutatedHeaders[h].Key, new string(value));
                what = $"{mutatedHeaders[h].Key}: {mutatedHeaders[h].Value}";
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, "/~message@1.0/note") { Content = new ByteArrayContent(mutatedBody) };
            foreach (var (key, value) in mutatedHeaders)
                if (!request.Headers.TryAddWithoutValidation(key, value)) request.Content.Headers.TryAddWithoutValidation(key, value);
            using var response = await SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"mutation {i} got {status}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400) refused++;
            else accepted.Add(what + " -> " + await response.Content.ReadAsStringAsync());
        }
        // Every byte the node reads of a signed request is covered: changing any one must be caught.
        Assert.True(refused == 120, $"only {refused} of 120 changed requests were refused: {string.Join("\n", accepted)}");
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Signed_ans104_items_with_one_byte_changed_are_refused_without_a_5xx()
    {
        var random = new Random(104);
        var item = Ans104Codec.Serialize(Ans104Codec.Commit(Message.Of(("note", "signed value"), ("data", "payload")), signer.Wallet));
        for (var i = 0; i < 80; i++)
        {
            var mutated = item.ToArray();
            mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
            using var response = await SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/note", "ans104@1.0", mutated));
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"mutation {i} got {status}: {await response.Content.ReadAsStringAsync()}");
        }
        await AssertHealthyAsync();
    }

    [Theory]
    [InlineData("json@1.0", 5_000)]
    [InlineData("json@1.0", 150_000)]
    [InlineData("flat@1.0", 150_000)]
    [InlineData("httpsig@1.0", 150_000)]
    public async Task Bodies_with_many_keys_are_answered_without_a_5xx_and_memory_stays_bounded(string codec, int keys)
    {
        var before = WorkingSet();
        using var request = ManyKeys(codec, keys);
        using var response = await SendAsync(request);
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{keys} keys as {codec} got {status}: {await response.Content.ReadAsStringAsync()}");
        await AssertHealthyAsync();
        Assert.True(WorkingSet() - before < MemoryBoundBytes, $"the working set grew by {(WorkingSet() - before) >> 20} MiB");
    }

    private static HttpRequestMessage ManyKeys(string codec, int keys)
    {
        var text = new StringBuilder();
        switch (codec)
        {
            case "json@1.0":
                text.Append('{');
                for (var k = 0; k < keys; k++) text.Append(k == 0 ? "" : ",").Append("\"k").Append(k).Append("\":\"v\"");
                text.Append('}');
                return HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/k1", codec, Encoding.UTF8.GetBytes(text.ToString()));
            case "flat@1.0":
                for (var k = 0; k < keys; k++) text.Append('k').Append(k).Append(": v\n");
                return HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/k1", codec, Encoding.UTF8.GetBytes(text.ToString()));
            default:
                // httpsig: keys as the fields of a multipart body (headers are capped by Kestrel before the node sees them).
                text.Append("--x\r\ncontent-disposition: inline\r\n");
                for (var k = 0; k < keys; k++) text.Append('k').Append(k).Append(": v\r\n");
                text.Append("\r\n\r\n--x--\r\n");
                var request = new HttpRequestMessage(HttpMethod.Post, "/~message@1.0/k1") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString())) };
                request.Content.Headers.TryAddWithoutValidation("content-type", "multipart/form-data; boundary=\"x\"");
                return request;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        // A hang is a failure: each request gets a minute, far beyond what linear work on these inputs needs.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await fixture.Client.SendAsync(request, deadline.Token);
    }

    private async Task AssertHealthyAsync()
    {
        using var healthy = await fixture.Client.GetAsync("/~meta@1.0/info");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    private static long WorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
