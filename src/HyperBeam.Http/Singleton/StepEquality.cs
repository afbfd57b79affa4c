using HyperBeam.Core.Resolution;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// Structural equality of resolution steps. The records' own equality compares a sub-resolution's
/// <c>ImmutableArray</c> by reference, which is not what a round trip needs.
/// </summary>
public sealed class StepEquality : IEqualityComparer<ResolveInput>
{
    public static readonly StepEquality Instance = new();

    private StepEquality() { }

    public static bool SequenceEqual(IReadOnlyList<ResolveInput> a, IReadOnlyList<ResolveInput> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!Instance.Equals(a[i], b[i])) return false;
        return true;
    }

    public bool Equals(ResolveInput? x, ResolveInput? y) => (x, y) switch
    {
        (null, null) => true,
        (ValueInput a, ValueInput b) => a.Value.Equals(b.Value),
        (AsInput a, AsInput b) => a.Device == b.Device && a.Request.Equals(b.Request),
        (SubresolveInput a, SubresolveInput b) => SequenceEqual(a.Steps, b.Steps),
        _ => false,
    };

    public int GetHashCode(ResolveInput step) => step switch
    {
        ValueInput v => v.Value.GetHashCode(),
        AsInput a => HashCode.Combine(a.Device, a.Request),
        SubresolveInput s => s.Steps.Length,
        _ => 0,
    };
}
