using System.Reflection;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Devices.Meta;

/// <summary>
/// <c>meta@1.0</c>: the node's own configuration.
/// <list type="bullet">
/// <item><c>info</c> — GET: the node message without private keys, plus the node's <c>address</c>. POST: merges the
/// request's keys into the node message when the operator signed it over this path and method (an unclaimed node:
/// the first signer to ask from its own host claims it), appending the request to <c>node_history</c>; a node whose
/// <c>initialized</c> is <c>permanent</c> refuses. See docs/security.md.</item>
/// <item><c>build</c> — the node software: name, version and source commit.</item>
/// </list>
/// </summary>
public sealed class MetaDevice : Device
{
    public const string Unclaimed = "unclaimed";

    private const string CommitmentsKey = "commitments";

    /// <summary>Request keys that describe the request itself, not options to adopt.</summary>
    private static readonly HashSet<string> RequestKeys = ["path", "method", CommitmentsKey, "device"];

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

    /// <summary>
    /// The operator: the <c>operator</c> option, else unclaimed. Never the node's own address by default: the node's
    /// key signs replies, assignments, checkpoints and pushed messages, and none of those may count as an order.
    /// </summary>
    public string Operator => _state.Current.GetText("operator") is { Length: > 0 } configured ? configured : Unclaimed;

    private ValueTask<ResolveResult> NodeInfo(Message @base, Message request, ResolveContext context)
    {
        var method = (request.GetText("method") ?? "GET").ToUpperInvariant();
        return ValueTask.FromResult(method switch
        {
            "GET" => ResolveResult.Ok(PublicNodeMessage()),
            "POST" => Update(request, context.Options.Authority),
            _ => ResolveResult.Error($"meta@1.0/info does not support {method}"),
        });
    }

    /// <summary>
    /// A change to the node message. Authority comes from the HTTP door (<see cref="RequestAuthority"/>): signers
    /// whose signature verified over this very path and method, other than the node itself. A claimed node obeys
    /// its operator only; an unclaimed one is claimed by the first such signer that asks from the node's own host.
    /// A signed update applies once: replaying it (its signature is public in <c>node_history</c>) is refused.
    /// </summary>
    private ResolveResult Update(Message request, RequestAuthority authority)
    {
        if (_state.Current.GetText("initialized") == "permanent")
            return Status(403, "The node message of this machine is already permanent. It cannot be changed.");
        var @operator = Operator;
        if (@operator == Unclaimed)
        {
            if (authority.Signers.Count == 0)
                return Status(403, "Unauthorized: this node is unclaimed; claim it with a request signed over its path and method, sent from the node's own host, or configure hyperbeam.operator.");
            if (!authority.FromHost)
                return Status(403, "Unauthorized: this node is unclaimed, and it can be claimed only from its own host (loopback, no proxy); or configure hyperbeam.operator.");
        }
        else if (!authority.IsSignedBy(@operator))
        {
            return Status(403, "Unauthorized: the request must be signed by the node's operator, over this path and method.");
        }
        if (AppliedBefore(request)) return Status(409, "This signed update was applied already; sign a new one.");

        var claimant = authority.Signers.Order(StringComparer.Ordinal).First();
        var updated = _state.Update(current =>
        {
            var next = current;
            foreach (var (key, value) in request.Entries)
                if (!RequestKeys.Contains(key) && !key.StartsWith("priv", StringComparison.Ordinal)) next = next.Set(key, value);
            // Claiming an unclaimed node makes its signer the operator, unless the request names one.
            if (@operator == Unclaimed && !request.ContainsKey("operator")) next = next.Set("operator", claimant);
            var history = current.Get("node_history") as AoList ?? AoList.Empty;
            return next.Set("node_history", new AoList(history.Items.Add(request)));
        });
        var length = ((AoList)updated.Get("node_history")!).Count;
        return ResolveResult.Ok(Message.Of(("body", $"Node message updated. History: {length} updates."), ("history-length", length)));
    }

    private bool AppliedBefore(Message request)
    {
        if (request.Get(CommitmentsKey) is not Message commitments || _state.Current.Get("node_history") is not AoList history) return false;
        foreach (var entry in history.Items)
            if (entry is Message applied && applied.Get(CommitmentsKey) is Message before && commitments.Keys.Any(before.ContainsKey))
                return true;
        return false;
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
