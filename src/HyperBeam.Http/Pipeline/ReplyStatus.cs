using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// The HTTP status of a result, as HyperBEAM's <c>dev_meta:status_code</c>: a <c>status</c> key in the result
/// message wins (integer, numeric text or status name); otherwise ok 200, created 201, error 400, not_found 404,
/// failure 500, unavailable 503.
/// </summary>
internal static class ReplyStatus
{
    public static int Of(ResolveResult result)
    {
        if (result.Value is Message m && FromValue(m.Get("status")) is { } explicitStatus) return explicitStatus;
        return Of(result.Status);
    }

    public static int Of(ResolveStatus status) => status switch
    {
        ResolveStatus.Ok => 200,
        ResolveStatus.Created => 201,
        ResolveStatus.Error => 400,
        ResolveStatus.NotFound => 404,
        ResolveStatus.Failure => 500,
        ResolveStatus.Unavailable => 503,
        _ => 200,
    };

    private static int? FromValue(AoValue? value) => value switch
    {
        AoInteger i when i.Value is >= 100 and <= 599 => (int)i.Value,
        AoBinary b when int.TryParse(b.Text, out var n) && n is >= 100 and <= 599 => n,
        AoAtom or AoBinary when ResolveStatusNames.TryParse(value, out var status) => Of(status),
        _ => null,
    };
}
