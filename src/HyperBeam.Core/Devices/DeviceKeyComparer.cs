namespace HyperBeam.Core.Devices;

/// <summary>
/// Compares device function names the way HyperBEAM finds them: case-insensitively, and with <c>-</c> and <c>_</c>
/// equal (a key <c>set-path</c> reaches the Erlang function <c>set_path</c>). Allocation-free for lookups.
/// </summary>
public sealed class DeviceKeyComparer : IEqualityComparer<string>
{
    public static readonly DeviceKeyComparer Instance = new();

    private DeviceKeyComparer() { }

    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null || x.Length != y.Length) return false;
        for (var i = 0; i < x.Length; i++)
            if (Fold(x[i]) != Fold(y[i])) return false;
        return true;
    }

    public int GetHashCode(string key)
    {
        var hash = new HashCode();
        foreach (var c in key) hash.Add(Fold(c));
        return hash.ToHashCode();
    }

    private static char Fold(char c) => c switch
    {
        '_' => '-',
        >= 'A' and <= 'Z' => (char)(c | 0x20),
        < (char)0x80 => c,
        _ => char.ToLowerInvariant(c),
    };
}
