using System.Collections.Immutable;
using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Singleton;

namespace HyperBeam.Http.Tests.Singleton;

/// <summary>Terse builders for expected step lists, and a readable rendering for failure messages.</summary>
internal static class Steps
{
    public const string Id1 = "IYkkrqlZNW_J-4T-5eFApZOMRl5P4VjvrcOXWvIqB1Q";
    public const string Id2 = "e5ohB7TgMYRoc0BLllkmAqkqLy1SrliEkOPJlNPXBQ8";

    /// <summary>A message step: the base when it has no path.</summary>
    public static ResolveInput Msg(params (string Key, object? Value)[] keys) => new ValueInput(Message.Of(keys));

    public static ResolveInput Step(string path, params (string Key, object? Value)[] keys) =>
        new ValueInput(Message.Of(keys).Set("path", path));

    public static ResolveInput Id(string id) => new ValueInput(AoBinary.FromString(id));

    public static ResolveInput As(string device, string path, params (string Key, object? Value)[] keys) =>
        new AsInput(device, Message.Of(keys).Set("path", path));

    public static SubresolveInput Sub(params ResolveInput[] steps) => new(steps.ToImmutableArray());

    /// <summary>A key's value that is a sub-resolution.</summary>
    public static Message SubValue(params ResolveInput[] steps) => SubresolutionValue.ToValue(Sub(steps));

    public static void Equal(IReadOnlyList<ResolveInput> expected, IReadOnlyList<ResolveInput> actual) =>
        Assert.True(StepEquality.SequenceEqual(expected, actual), $"expected {Render(expected)}\n     got {Render(actual)}");

    public static string Render(IReadOnlyList<ResolveInput> steps)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < steps.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(steps[i] switch
            {
                ValueInput v => v.Value.ToString(),
                AsInput a => $"(as {a.Device} {a.Request})",
                SubresolveInput s => $"(resolve {Render(s.Steps)})",
                var other => other.ToString(),
            });
        }
        return sb.Append(']').ToString();
    }
}
