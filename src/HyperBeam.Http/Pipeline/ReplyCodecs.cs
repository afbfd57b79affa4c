using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// The codec a reply is written in: the HTTP <c>accept-codec</c> header, then the request message's own
/// <c>require-codec</c> and <c>accept-codec</c> keys (HyperBEAM reads them from the request: aoconnect sends them as
/// signed tags of its data item, readers put them in the query), then the <c>accept</c> header, then the node's
/// <c>default_codec</c>. A key may name a codec (<c>json@1.0</c>) or a media type (<c>application/json</c>); a value
/// that is neither is passed over.
/// </summary>
internal static class ReplyCodecs
{
    public static string Choose(Message http, IReadOnlyList<ResolveInput> steps, Message node)
    {
        if (Known(http.GetText("accept-codec")) is { } header) return header;
        var request = LastStepMessage(steps);
        if (request is not null)
            foreach (var key in (ReadOnlySpan<string>)["require-codec", "accept-codec"])
                if (Known(request.GetText(key)) is { } asked) return asked;
        return WireCodecs.FromAccept(http.GetText("accept")) ?? NodeFlags.DefaultCodec(node);
    }

    private static string? Known(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : WireCodecs.IsKnown(value) ? value : WireCodecs.FromAccept(value);

    /// <summary>The last step carries the request's keys, its query's and its own inline ones.</summary>
    private static Message? LastStepMessage(IReadOnlyList<ResolveInput> steps)
    {
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            switch (steps[i])
            {
                case ValueInput { Value: Message m }: return m;
                case AsInput a: return a.Request;
            }
        }
        return null;
    }
}
