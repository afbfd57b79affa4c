using System.Reflection;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Devices.Meta;

/// <summary>
/// <c>meta@1.0</c>: the node's own configuration.
/// <list type="bullet">
/// <item><c>info</c> — GET: the node message without private keys, plus the node's <c>address</c>. POST: merges the
/// request's keys into the node message when the request is signed by the <c>operator</c> (or the node is unclaimed),
/// appending the request to <c>node_history</c>; a node whose <c>initialized</c> is <c>permanent</c> refuses.</item>
/// <item><c>build</c> — the node software: name, version and source commit.</item>
/// </list>
/// </summary>
public sealed class MetaDevice : Device
{
    public const string Unclaimed = "unclaimed";

    /// <summary>Request keys that describe the request itself, not options to adopt.</summary>
    private static readonly HashSet<string> RequestKeys = ["path", "method", "commitments", "device"];

    private readonly NodeState _state;

    public MetaDevice(NodeState state) : base(DeviceNames.Meta, new DeviceInfo { Exports = ["info", "build"] })
    {
        _state = state;
        Map("info", NodeInfo);
        Map("build", Build);
    }

    /// <summary>The node message as <c>info</c> shows it: no private keys, the address added.</summary>
    public Message PublicNodeMessage()
    {
        var message = _state.Current.WithoutPriv();
        foreach (var key in message.Keys.Where(k => k.StartsWith("priv", StringComparison.Ordinal)).ToList())
            message = message.Remove(key);
        return _state.Address is { } address ? message.Set("address", address) : message;
    }

    /// <summary>The operator: the <c>operator</c> option, else the node's own address, else unclaimed.</summary>
    public string Operator => _state.Current.GetText("operator") ?? _state.Address ?? Unclaimed;

    private ValueTask<ResolveResult> NodeInfo(Message @base, Message request, ResolveContext context)
    {
        var method = (request.GetText("method") ?? "GET").ToUpperInvariant();
        return ValueTask.FromResult(method switch
        {
            "GET" => ResolveResult.Ok(PublicNodeMessage()),
            "POST" => Update(request),
            _ => ResolveResult.Error($"meta@1.0/info does not support {method}"),
        });
    }

    private ResolveResult Update(Message request)
    {
        if (_state.Current.GetText("initialized") == "permanent")
            return Status(403, "The node message of this machine is already permanent. It cannot be changed.");
        var signers = HttpSigCommitments.Committers(request);
        var @operator = Operator;
        if (@operator != Unclaimed && !signers.Contains(@operator))
            return Status(403, "Unauthorized: the request must be signed by the node's operator.");
        if (!HttpSigCommitments.Verify(request))
            return Status(400, "The request's signature does not verify.");

        var updated = _state.Update(current =>
        {
            var next = current;
            foreach (var (key, value) in request.Entries)
                if (!RequestKeys.Contains(key) && !key.StartsWith("priv", StringComparison.Ordinal)) next = next.Set(key, value);
            // Claiming an unclaimed node makes its first signer the operator, unless the request names one.
            if (@operator == Unclaimed && !request.ContainsKey("operator") && signers.Count > 0) next = next.Set("operator", signers[0]);
            var history = current.Get("node_history") as AoList ?? AoList.Empty;
            return next.Set("node_history", new AoList(history.Items.Add(request)));
        });
        var length = ((AoList)updated.Get("node_history")!).Count;
        return ResolveResult.Ok(Message.Of(("body", $"Node message updated. History: {length} updates."), ("history-length", length)));
    }

    private static ValueTask<ResolveResult> Build(Message @base, Message request, ResolveContext context)
    {
        var assembly = typeof(MetaDevice).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        var version = plus < 0 ? informational : informational[..plus];
        var source = plus < 0 ? "unknown" : informational[(plus + 1)..];
        return ValueTask.FromResult(ResolveResult.Ok(Message.Of(
            ("node", "HyperBeam.Actors"),
            ("version", version),
            ("source", source),
            ("source-short", source.Length > 7 ? source[..7] : source))));
    }

    private static ResolveResult Status(int status, string body) =>
        new(status >= 500 ? ResolveStatus.Failure : ResolveStatus.Error, Message.Of(("status", status), ("body", body)), body);
}
