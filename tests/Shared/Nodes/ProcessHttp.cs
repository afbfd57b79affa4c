using System.Globalization;
using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Tests.Shared;

/// <summary>
/// Processes over a node's HTTP face: create, schedule, compute, read — signed by a client wallet. Shared by the
/// HTTP tests of one node and the cluster tests of several.
/// </summary>
/// <param name="executionDevice">The processes' execution device; patch@1.0 is deterministic, cheap, and keeps the state it is given.</param>
/// <param name="processKeys">More keys of the process message (a Lua <c>module</c>, say).</param>
public sealed class ProcessHttp(Wallet signer, string executionDevice = "patch@1.0", params (string Key, object? Value)[] processKeys)
{
    public Message NewProcess() => HttpSigCommitments.Commit(Message.Of([
        ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"),
        ("execution-device", executionDevice), .. processKeys, ("nonce", Guid.NewGuid().ToString("N"))]), signer);

    public Message NewMessage(string processId, int n) =>
        HttpSigCommitments.Commit(Message.Of(("type", "Message"), ("target", processId), ("n", n), ("nonce", Guid.NewGuid().ToString("N"))), signer);

    public static async Task<(HttpStatusCode Status, Message Reply)> PostAsync(HttpClient client, string path, Message message)
    {
        using var response = await client.SendAsync(HttpMessages.Request(HttpMethod.Post, path, message));
        var body = response.StatusCode == HttpStatusCode.OK
            ? await HttpMessages.DecodeReplyAsync(response)
            : Message.Of(("body", await response.Content.ReadAsStringAsync()));
        return (response.StatusCode, body);
    }

    /// <summary>The process message travels as the body: its own <c>device</c> key must not pick the request's device.</summary>
    public static Task<(HttpStatusCode Status, Message Reply)> CreateAsync(HttpClient client, Message process) =>
        PostAsync(client, "/~scheduler@1.0/schedule", Message.Of(("body", process)));

    public static Task<(HttpStatusCode Status, Message Reply)> ScheduleAsync(HttpClient client, Message message) =>
        PostAsync(client, "/~scheduler@1.0/schedule", message);

    public static async Task<(HttpStatusCode Status, Message Reply)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = response.StatusCode == HttpStatusCode.OK
            ? await HttpMessages.DecodeReplyAsync(response)
            : Message.Of(("body", await response.Content.ReadAsStringAsync()));
        return (response.StatusCode, body);
    }

    public static async Task<Message> PostOkAsync(HttpClient client, string path, Message message)
    {
        var (status, reply) = await PostAsync(client, path, message);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {reply.GetText("body")}");
        return reply;
    }

    public static async Task<Message> GetOkAsync(HttpClient client, string path)
    {
        var (status, reply) = await GetAsync(client, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {reply.GetText("body")}");
        return reply;
    }

    /// <summary>The body of a GET that must answer 200 (the status and body in the failure otherwise).</summary>
    public static async Task<string> GetTextOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public static long Integer(Message m, string key) => m.Get(key) switch
    {
        AoInteger i => i.Value,
        AoBinary b => long.Parse(b.Text, CultureInfo.InvariantCulture),
        var other => throw new InvalidOperationException($"{key} is {other?.ToString() ?? "missing"} in {m}"),
    };

    public static string IdOf(Message process) => MessageIds.All(process);
}
