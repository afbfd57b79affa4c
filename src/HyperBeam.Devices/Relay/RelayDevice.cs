using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;
using HyperBeam.Devices.Router;

namespace HyperBeam.Devices.Relay;

/// <summary>
/// <c>relay@1.0</c> (HyperBEAM's <c>dev_relay</c>): sends a message to another node or any HTTP(S) endpoint
/// through one pooled <see cref="HttpClient"/>.
/// <list type="bullet">
/// <item><c>call</c>: sends the message and answers with the peer's reply as a message (its status decides the
///   result's). What is sent, and where, is <see cref="RelayRequest"/>'s: <c>relay-path</c> (a URL, or a path the
///   node's routes send somewhere, <see cref="RoutePlanner"/>), <c>relay-method</c>, <c>relay-body</c>,
///   <c>target</c>. When the route gives several nodes they are tried in turn until one answers below 400 (HyperBEAM's
///   serial multirequest; its parallel mode and a node's <c>opts</c> are not applied).</item>
/// <item><c>cast</c>: the same, but answers <c>OK</c> at once and sends in the background (its own timeout, not the
///   caller's cancellation); <see cref="RelayOptions.CastCompleted"/> hears how it went. A request that cannot be
///   sent at all (no path, no route) is an error at once.</item>
/// <item><c>request</c>: a <c>request</c> hook that relays every request (<see cref="RelayRewrite"/>).</item>
/// </list>
/// With <c>requires-sign: true</c> the outgoing message is signed by the node before it leaves — only when the
/// request itself was signed, over its path and method, by the operator or one of the node's <c>relay-signers</c>
/// (<see cref="RequestAuthority"/>); anyone else gets 403, so the node's key never signs a stranger's words. The node
/// passes its signer in (<c>message → signed message</c>); without one, such a relay is an error. Every request the
/// relay sends carries <c>Via: 1.1 hyperbeam-relay</c>, so no node takes it for a request from its own host.
/// </summary>
public sealed class RelayDevice : Device
{
    private readonly HttpClient _client;
    private readonly RelayOptions _options;
    private readonly RoutePlanner? _planner;
    private readonly Func<Message, Message>? _signer;

    /// <param name="client">The node's pooled client (<see cref="RelayHttpClient.Create"/>); not disposed here.</param>
    /// <param name="options">Timeouts; the defaults when null.</param>
    /// <param name="planner">Routes for paths that are not URLs; without it only URLs can be relayed to.</param>
    /// <param name="signer">Signs an outgoing message with the node's wallet, for <c>requires-sign</c>.</param>
    public RelayDevice(HttpClient client, RelayOptions? options = null, RoutePlanner? planner = null, Func<Message, Message>? signer = null)
        : base(DeviceNames.Relay, new DeviceInfo { Exports = ["call", "cast", "request"] })
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new RelayOptions();
        _planner = planner;
        _signer = signer;
        Map("call", Call);
        Map("cast", Cast);
        Map("request", Request);
    }

    private async ValueTask<ResolveResult> Call(Message @base, Message request, ResolveContext context)
    {
        var prepared = Prepare(@base, request, context);
        if (prepared.Failure is { } failure) return failure;
        return await SendAsync(prepared.Relay!, prepared.Uris!, context.CancellationToken).ConfigureAwait(false);
    }

    private ValueTask<ResolveResult> Cast(Message @base, Message request, ResolveContext context)
    {
        var prepared = Prepare(@base, request, context);
        if (prepared.Failure is { } failure) return ValueTask.FromResult(failure);
        _ = Task.Run(async () =>
        {
            // The caller has its answer already: its cancellation no longer applies, only the relay's timeout.
            // Nothing may escape a task no one awaits, so even a bug here becomes a reported failure.
            ResolveResult outcome;
            try
            {
                outcome = await SendAsync(prepared.Relay!, prepared.Uris!, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                outcome = ResolveResult.Failure($"relay: cast failed: {e.Message}");
            }
            try
            {
                _options.CastCompleted?.Invoke(outcome);
            }
            catch (Exception)
            {
                // A failing observer must not take the process down; the outcome is all it was told.
            }
        });
        return ValueTask.FromResult(ResolveResult.Ok(AoBinary.FromString("OK")));
    }

    private static ValueTask<ResolveResult> Request(Message @base, Message request, ResolveContext context) =>
        ValueTask.FromResult(request.Get("request") is Message original
            ? ResolveResult.Ok(RelayRewrite.Of(original))
            : ResolveResult.Error("relay@1.0/request runs as a request hook: it needs the original request", ResolveErrorCodes.InvalidRequest));

    /// <summary>Everything short of the network: the message to send (signed if asked) and the URIs to try.</summary>
    private (RelayRequest? Relay, IReadOnlyList<string>? Uris, ResolveResult? Failure) Prepare(Message @base, Message request, ResolveContext context)
    {
        var node = context.Node;
        if (!RelayRequest.TryFrom(@base, request, out var relay, out var error))
            return (null, null, ResolveResult.Error($"relay: {error}", ResolveErrorCodes.InvalidRequest));
        if (relay.RequiresSign)
        {
            if (!MaySign(context.Options.Authority, node))
                return (null, null, Forbidden("relay: requires-sign needs a request signed, over its path and method, by the node's operator or one of its relay-signers"));
            if (_signer is null) return (null, null, ResolveResult.Error("relay: requires-sign is set, but this node has no signer (wallet)"));
            relay = relay with { Outgoing = _signer(relay.Outgoing) };
        }
        if (RoutePlanner.IsUrl(relay.Path)) return (relay, [relay.Path], null);
        if (_planner is null) return (null, null, ResolveResult.Error($"relay: '{relay.Path}' is not a URL and this relay has no routes"));
        var decision = _planner.Route(relay.Outgoing.Set("path", relay.Path), node);
        return decision is NoRoute ? (null, null, decision.ToResult()) : (relay, decision.Uris, null);
    }

    /// <summary>Who may have the node sign what it relays: its operator and its <c>relay-signers</c>.</summary>
    private static bool MaySign(RequestAuthority authority, Message node)
    {
        var allowed = NodeMessageOptions.GetList(node, "relay-signers").OfType<AoBinary>().Select(s => s.Text).ToList();
        if (NodeMessageOptions.GetText(node, "operator") is { Length: > 0 } @operator && @operator != Meta.MetaDevice.Unclaimed) allowed.Add(@operator);
        return authority.IsSignedByAny(allowed);
    }

    private static ResolveResult Forbidden(string reason) =>
        new(ResolveStatus.Error, Message.Of(("status", 403), ("body", reason)), reason);

    private async Task<ResolveResult> SendAsync(RelayRequest relay, IReadOnlyList<string> uris, CancellationToken cancellationToken)
    {
        var result = ResolveResult.Unavailable("relay: no node to send to");
        foreach (var uri in uris)
        {
            result = await RelayHttp.SendAsync(_client, relay.Method, uri, relay.Outgoing, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            if (result.IsOk || result.Status == ResolveStatus.Created) return result;
        }
        return result;
    }
}
