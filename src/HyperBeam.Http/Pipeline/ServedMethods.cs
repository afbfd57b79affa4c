using Microsoft.AspNetCore.Http;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// The HTTP methods an AO path answers. A request's method becomes its <c>method</c> key, so any of these may reach
/// a device; anything else (CONNECT, TRACE, made-up tokens) is refused with 405 and <c>Allow</c> before it is read:
/// a CONNECT answered like a normal request would make Kestrel fail the reply (a tunnel reply has no body).
/// </summary>
internal static class ServedMethods
{
    public static readonly IReadOnlyList<string> All =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options];

    /// <summary>The value of an <c>Allow</c> (and CORS <c>Access-Control-Allow-Methods</c>) header.</summary>
    public static readonly string Header = string.Join(", ", All);

    public static bool IsServed(string method) => All.Any(served => HttpMethods.Equals(served, method));

    /// <summary>405 with <c>Allow</c>, and no body: nothing for a proxy client to mistake for a tunnel.</summary>
    public static Task RefuseAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        response.Headers.Allow = Header;
        response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
