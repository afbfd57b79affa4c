using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// A key whose value is a sub-resolution (<c>k+resolve=/x/y</c>, <c>k=(/x/y)</c>; HyperBEAM's
/// <c>#{k => {resolve, Steps}}</c>). A message value cannot hold a <see cref="ResolveInput"/>, so it is written as
/// the message <c>{resolve: [step, …]}</c> — the form the resolver's hooks already see sequences in: a plain step
/// is its value, an <see cref="AsInput"/> is <c>{as: device, request: message}</c>, a nested sub-resolution is
/// another <c>{resolve: […]}</c>. Neither the resolver nor HyperBEAM evaluates such keys: they reach the device
/// as they are.
/// </summary>
public static class SubresolutionValue
{
    public const string ResolveKey = "resolve";
    private const string AsKey = "as";
    private const string RequestKey = "request";

    public static Message ToValue(SubresolveInput subresolution)
    {
        ArgumentNullException.ThrowIfNull(subresolution);
        return Message.Empty.Set(ResolveKey, new AoList(subresolution.Steps.Select(StepValue)));
    }

    /// <summary>Reads a value written by <see cref="ToValue"/> back; false for any other value.</summary>
    public static bool TryRead(AoValue? value, [NotNullWhen(true)] out SubresolveInput? subresolution)
    {
        subresolution = null;
        if (value is not Message { Count: 1 } m || m.Get(ResolveKey) is not AoList steps) return false;
        subresolution = new SubresolveInput(steps.Select(ReadStep).ToImmutableArray());
        return true;
    }

    private static AoValue StepValue(ResolveInput step) => step switch
    {
        ValueInput v => v.Value,
        AsInput a => Message.Of((AsKey, a.Device), (RequestKey, a.Request)),
        SubresolveInput s => ToValue(s),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown kind of step"),
    };

    private static ResolveInput ReadStep(AoValue value)
    {
        if (value is Message { Count: 2 } m && m.Get(AsKey) is AoBinary device && m.Get(RequestKey) is Message request)
            return new AsInput(device.Text, request);
        return TryRead(value, out var nested) ? nested : new ValueInput(value);
    }
}
