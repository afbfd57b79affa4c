using System.Text;
using Microsoft.AspNetCore.Http;

namespace HyperBeam.Http.Pipeline;

/// <summary>Plain-text error replies for requests that never reach the resolver.</summary>
internal static class ErrorReplies
{
    public static Task WriteAsync(HttpContext context, int status, string message, int? retryAfterSeconds = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        if (retryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response.Body.WriteAsync(Encoding.UTF8.GetBytes(message + "\n")).AsTask();
    }
}
