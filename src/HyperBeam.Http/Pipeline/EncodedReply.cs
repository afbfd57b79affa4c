using Microsoft.AspNetCore.Http;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// A reply as it goes on the wire: status, header lines (Latin-1 text, as HTTP carries bytes) and body. Immutable, so
/// one built reply may be written to many requests (<see cref="NodeInfoReplies"/>).
/// </summary>
internal sealed record EncodedReply(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        var headers = response.Headers;
        foreach (var (name, value) in Headers) headers[name] = value;
        response.ContentLength = Body.Length;
        return Body.Length > 0 ? response.Body.WriteAsync(Body, context.RequestAborted).AsTask() : Task.CompletedTask;
    }
}
