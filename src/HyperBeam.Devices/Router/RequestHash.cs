using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Ids;

namespace HyperBeam.Devices.Router;

/// <summary>
/// The 256-bit number the <c>By-Base</c> and <c>Nearest</c> strategies place a request by (HyperBEAM's
/// <c>extract_base</c>): the ID the path starts with (<c>/ID/…</c>, <c>/ID~process@1.0/…</c>), else the SHA-256
/// of the path's first segment. (HyperBEAM takes the <c>path</c> even when routing by <c>route-path</c>, which makes
/// every <c>~router@1.0/route</c> call hash <c>route</c>; here the path being routed is hashed.)
/// </summary>
public static class RequestHash
{
    public static byte[] Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var head = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (Base64Url.IsHumanId(head)) return Base64Url.Decode(head);
        var front = head.Split(['~', '?', '&'])[0];
        if (Base64Url.IsHumanId(front)) return Base64Url.Decode(front);
        return SHA256.HashData(Encoding.UTF8.GetBytes(head));
    }
}
