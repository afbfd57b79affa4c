using System.Collections.Immutable;
using System.Text.Json;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Http.Tests.Singleton;

/// <summary>
/// The output lists of singleton.json: <c>{"@tuple": [{"@atom": "as"}, Dev, Msg]}</c> is an <see cref="AsInput"/>,
/// <c>{"@tuple": [{"@atom": "resolve"}, [Steps]]}</c> a <see cref="SubresolveInput"/>, anything else a value.
/// </summary>
internal static class SingletonVectorJson
{
    public static IReadOnlyList<ResolveInput> ToSteps(JsonElement list) => list.EnumerateArray().Select(ToStep).ToList();

    private static ResolveInput ToStep(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("@tuple", out var tuple)) return new ValueInput(TypedJson.ToValue(e));
        var items = tuple.EnumerateArray().ToArray();
        var tag = items[0].GetProperty("@atom").GetString();
        return tag switch
        {
            "as" => new AsInput(items[1].GetString()!, TypedJson.ToMessage(items[2])),
            "resolve" => new SubresolveInput(ToSteps(items[1]).ToImmutableArray()),
            _ => throw new InvalidDataException($"unknown step tuple '{tag}'"),
        };
    }
}
