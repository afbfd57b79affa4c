using System.Collections.Immutable;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// One element of a resolution sequence (<c>ResolveManyAsync([base, request, request…])</c>):
/// a plain value (a message, a list, or a binary path), a device swap (<see cref="AsInput"/>, HyperBEAM's
/// <c>{as, Device, Msg}</c>) or a nested sequence whose result stands in its place (<see cref="SubresolveInput"/>,
/// HyperBEAM's <c>{resolve, Steps}</c>).
/// </summary>
public abstract record ResolveInput
{
    private protected ResolveInput() { }

    public static implicit operator ResolveInput(Message message) => new ValueInput(message);

    /// <summary>A string is a request path.</summary>
    public static implicit operator ResolveInput(string path) => new ValueInput(AoBinary.FromString(path));

    public static ResolveInput Of(AoValue value) => new ValueInput(value);

    /// <summary>Resolve <paramref name="request"/> with <paramref name="device"/> set on the base for that step.</summary>
    public static ResolveInput As(string device, Message request) => new AsInput(device, request);

    /// <summary>Swap the device and resolve <paramref name="path"/>; an empty path only swaps the device.</summary>
    public static ResolveInput As(string device, string path) =>
        new AsInput(device, Message.Empty.Set("path", path));

    public static ResolveInput Resolve(params ResolveInput[] steps) => new SubresolveInput(ImmutableArray.Create(steps));
}

/// <summary>A message, list or path used as it is.</summary>
public sealed record ValueInput(AoValue Value) : ResolveInput;

/// <summary>HyperBEAM's <c>{as, Device, Request}</c>: run the request with the base's device swapped.</summary>
public sealed record AsInput(string Device, Message Request) : ResolveInput;

/// <summary>HyperBEAM's <c>{resolve, Steps}</c>: resolve the steps first and use their result here.</summary>
public sealed record SubresolveInput(ImmutableArray<ResolveInput> Steps) : ResolveInput;
