using System.Globalization;
using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// A process the external benches create on a node over HTTP, as a client would: signed by the bench's wallet,
/// scheduled by <c>scheduler@1.0</c>, computed by <c>patch@1.0</c> (deterministic and cheap: a read of a computed
/// slot measures the path to the cached result, not an execution device).
/// </summary>
public sealed class BenchProcess
{
    private readonly Wallet _signer;
    private long _slot;

    private BenchProcess(Wallet signer, string id)
    {
        _signer = signer;
        Id = id;
    }

    public string Id { get; }

    /// <summary>The last slot assigned (0: the process itself).</summary>
    public long Slot => Interlocked.Read(ref _slot);

    public static async Task<BenchProcess> SpawnAsync(HttpClient client, Wallet signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(signer);
        var process = HttpSigCommitments.Commit(Message.Of(
            ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"),
            ("execution-device", "patch@1.0"), ("nonce", Guid.NewGuid().ToString("N"))), signer);
        // The process travels as the body: its own device key must not pick the request's device.
        await SendOkAsync(client, EncodedRequest.Of("POST", SchedulePath, Message.Of(("body", process))), cancellationToken);
        return new BenchProcess(signer, MessageIds.All(process));
    }

    public const string SchedulePath = "/~scheduler@1.0/schedule";

    /// <summary>A signed message for this process, not yet sent (signing costs an RSA-4096 signature).</summary>
    public EncodedRequest NewMessage(long n) => EncodedRequest.Of("POST", SchedulePath, HttpSigCommitments.Commit(
        Message.Of(("type", "Message"), ("target", Id), ("n", n), ("nonce", Guid.NewGuid().ToString("N"))), _signer));

    /// <summary>Schedules a message made by <see cref="NewMessage"/>; the process's slot count follows.</summary>
    public async Task ScheduleAsync(HttpClient client, EncodedRequest message, CancellationToken cancellationToken)
    {
        await SendOkAsync(client, message, cancellationToken);
        Interlocked.Increment(ref _slot);
    }

    /// <summary>The process's state at <paramref name="slot"/>, computed on the first read and served from the node's cache after.</summary>
    public string ComputePath(long slot) => string.Create(CultureInfo.InvariantCulture, $"/{Id}~process@1.0/compute&slot={slot}");

    public static async Task SendOkAsync(HttpClient client, EncodedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        using var message = request.ToHttpRequestMessage();
        using var response = await client.SendAsync(message, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{request.Method} {request.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public static async Task GetOkAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
