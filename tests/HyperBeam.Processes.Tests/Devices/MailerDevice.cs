using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Processes.Tests.Devices;

/// <summary>
/// A test execution device: <c>compute</c> answers <c>results/data</c> = the body's label and counts in <c>count</c>;
/// a body with <c>forward-to</c> puts a message for that process in the outbox, one with <c>set-price</c> a PATCH.
/// </summary>
internal static class MailerDevice
{
    public const string Name = "mailer@1.0";

    public static Device Create() => Device.Create(Name,
        ("init", (state, _, _) => ValueTask.FromResult(ResolveResult.Ok(state.Set("count", 0)))),
        ("compute", (state, request, _) =>
        {
            var body = request.Get("body") as Message ?? Message.Empty;
            var outbox = Message.Empty;
            if (body.GetText("forward-to") is { } target)
                outbox = outbox.Set("1", Message.Of(("target", target), ("label", "relayed"), ("hops", body.Get("hops") ?? 0)));
            if (body.Get("set-price") is { } price)
                outbox = outbox.Set("2", Message.Of(("method", "PATCH"), ("prices", Message.Of(("apple", price)))));
            var results = Message.Of(("data", body.GetText("label") ?? ""));
            if (!outbox.IsEmpty) results = results.Set("outbox", outbox);
            var count = (state.Get("count") as AoInteger)?.Value ?? 0;
            return ValueTask.FromResult(ResolveResult.Ok(state.Set("count", count + 1).Set("results", results)));
        }));
}
