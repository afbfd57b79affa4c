using System.Collections.Frozen;

namespace HyperBeam.Core.Devices;

/// <summary>
/// What a device tells the resolver about itself (HyperBEAM's <c>info/0,1</c>): which keys it answers
/// (<see cref="Exports"/>, all by default, minus <see cref="Excludes"/>), an optional <see cref="Handler"/> that
/// takes every exported key, and an optional <see cref="Default"/> for exported keys it has no function for.
/// Keys not exported fall through to <c>message@1.0</c>.
/// </summary>
public sealed record DeviceInfo
{
    public static readonly DeviceInfo Empty = new();

    private readonly FrozenSet<string>? _exports;
    private readonly FrozenSet<string> _excludes = FrozenSet<string>.Empty;

    /// <summary>The only keys the device answers; null means every key.</summary>
    public IReadOnlyCollection<string>? Exports
    {
        get => _exports;
        init => _exports = value?.ToFrozenSet(DeviceKeyComparer.Instance);
    }

    /// <summary>Keys the device leaves to <c>message@1.0</c> even though it could answer them.</summary>
    public IReadOnlyCollection<string> Excludes
    {
        get => _excludes;
        init => _excludes = (value ?? []).ToFrozenSet(DeviceKeyComparer.Instance);
    }

    public DeviceFunction? Handler { get; init; }

    public DeviceFunction? Default { get; init; }

    /// <summary>Whether the device answers <paramref name="key"/> itself. <c>info</c> always is, as in HyperBEAM.</summary>
    public bool IsExported(string key)
    {
        if (DeviceKeyComparer.Instance.Equals(key, "info")) return true;
        if (_excludes.Count > 0 && _excludes.Contains(key)) return false;
        return _exports is null || _exports.Contains(key);
    }
}
