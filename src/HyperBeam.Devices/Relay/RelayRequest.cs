using System.Diagnostics.CodeAnalysis;
using HyperBeam.Core.Messages;

namespace HyperBeam.Devices.Relay;

/// <summary>
/// What <c>call</c> and <c>cast</c> send (HyperBEAM's <c>dev_relay:call</c>). The target is the base, or with
/// <c>target: k</c> the request's key <c>k</c> (else its <c>body</c>). Each setting takes the first of:
/// <list type="bullet">
/// <item>path: the target's <c>path</c>, the request's then the base's <c>relay-path</c>, the base's <c>path</c>;</item>
/// <item>method: the target's <c>method</c>, the request's then the base's <c>relay-method</c>, the request's then the
///   base's <c>method</c>; else GET;</item>
/// <item>body: the target's <c>body</c>, the request's then the base's <c>relay-body</c>, the request's then the base's
///   <c>body</c> — never the target itself (HyperBEAM would send a target taken from <c>body</c> as its own body);</item>
/// <item>requires-sign: the target's, the request's, then the base's <c>requires-sign</c> (<c>true</c>, atom or text).</item>
/// </list>
/// The message sent is the target without the relay's own keys (<c>relay-*</c>, <c>requires-sign</c>, <c>target</c>,
/// <c>http-client</c>, a <c>device: relay@1.0</c>) and without <c>path</c> and <c>host</c>, which the URI carries;
/// HyperBEAM forwards the relay's keys too, so a peer would resolve the request on a <c>relay@1.0</c> base.
/// </summary>
internal sealed record RelayRequest(string Path, string Method, Message Outgoing, bool RequiresSign)
{
    private static readonly string[] RelayKeys = ["relay-path", "relay-method", "relay-body", "requires-sign", "target", "http-client", "path", "host"];

    public static bool TryFrom(Message @base, Message request, [NotNullWhen(true)] out RelayRequest? relay, [NotNullWhen(false)] out string? error)
    {
        relay = null;
        var target = @base;
        var targetKey = (request.Get("target") as AoBinary)?.Text;
        if (targetKey is not null && targetKey != "self")
        {
            if ((request.Get(targetKey) ?? request.Get("body")) is not Message chosen)
            {
                error = $"the relay target '{targetKey}' is not a message in the request";
                return false;
            }
            target = chosen;
        }

        var path = First(target, (target, "path"), (request, "relay-path"), (@base, "relay-path"), (@base, "path")) as AoBinary;
        if (path is null || path.IsEmpty)
        {
            error = "nothing to relay to: give a relay-path (a URL, or a path the node's routes know)";
            return false;
        }
        var method = (First(target, (target, "method"), (request, "relay-method"), (@base, "relay-method"), (request, "method"), (@base, "method")) as AoBinary)?.Text;
        var body = First(target, (target, "body"), (request, "relay-body"), (@base, "relay-body"), (request, "body"), (@base, "body"));
        var sign = First(target, (target, "requires-sign"), (request, "requires-sign"), (@base, "requires-sign"));

        var outgoing = target.Without(RelayKeys);
        if (outgoing.Get("device") is AoBinary { Text: DeviceNames.Relay }) outgoing = outgoing.Remove("device");
        outgoing = outgoing.Set("method", method ?? "GET");
        if (body is not null) outgoing = outgoing.Set("body", body);
        relay = new RelayRequest(path.Text, method ?? "GET", outgoing, sign is AoAtom { Name: "true" } or AoBinary { Text: "true" });
        error = null;
        return true;
    }

    private static AoValue? First(Message target, params (Message From, string Key)[] candidates)
    {
        foreach (var (from, key) in candidates)
            if (from.Get(key) is { } value && !ReferenceEquals(value, target)) return value;
        return null;
    }
}
