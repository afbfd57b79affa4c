namespace HyperBeam.Core.Resolution;

/// <summary>
/// One segment of a request path: the key to resolve and, for a <c>key~device@1.0</c> segment, the device to
/// resolve it with (HyperBEAM's <c>{as, Device, #{path => Key}}</c>). <c>~device@1.0</c> alone has an empty key:
/// it only swaps the device of the current message.
/// </summary>
public readonly record struct PathPart(string Key, string? AsDevice = null)
{
    public override string ToString() => AsDevice is null ? Key : $"{Key}~{AsDevice}";
}
