using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>Maps statuses to and from their HyperBEAM atom names (<c>ok</c>, <c>not_found</c>, …), as hooks see them.</summary>
public static class ResolveStatusNames
{
    private static readonly AoAtom[] Atoms =
    [
        AoAtom.Of("ok"), AoAtom.Of("created"), AoAtom.Of("error"), AoAtom.Of("not_found"),
        AoAtom.Of("failure"), AoAtom.Of("unavailable"), AoAtom.Of("skip"), AoAtom.Of("pass"),
    ];

    public static AoAtom ToAtom(ResolveStatus status) => Atoms[(int)status];

    /// <summary>Reads a status from an atom or a binary such as <c>"not_found"</c> (or <c>"not-found"</c>).</summary>
    public static bool TryParse(AoValue? value, out ResolveStatus status)
    {
        var name = value switch
        {
            AoAtom a => a.Name,
            AoBinary b => b.Text,
            _ => null,
        };
        status = name switch
        {
            "ok" => ResolveStatus.Ok,
            "created" => ResolveStatus.Created,
            "error" => ResolveStatus.Error,
            "not_found" or "not-found" => ResolveStatus.NotFound,
            "failure" => ResolveStatus.Failure,
            "unavailable" => ResolveStatus.Unavailable,
            "skip" => ResolveStatus.Skip,
            "pass" => ResolveStatus.Pass,
            _ => (ResolveStatus)(-1),
        };
        return (int)status >= 0;
    }
}
