using System.Net;
using System.Text;

namespace HyperBeam.Devices.Relay;

/// <summary>
/// The one pooled <see cref="HttpClient"/> a node relays through: create it once at startup and hand it to
/// <see cref="RelayDevice"/>; it is thread-safe.
/// </summary>
public static class RelayHttpClient
{
    public static HttpClient Create(RelayOptions? options = null)
    {
        options ??= new RelayOptions();
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            ConnectTimeout = options.ConnectTimeout,
            // A relay answers with what the peer said: no redirects followed, no cookies kept, bodies as sent
            // (decompressing would break their content-digest).
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // httpsig header values are UTF-8 text, as HyperBEAM sends them.
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
            ResponseHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        };
        // The device applies RequestTimeout per request; the client's own timeout would apply to every use.
        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = options.MaxReplyBytes,
        };
    }
}
