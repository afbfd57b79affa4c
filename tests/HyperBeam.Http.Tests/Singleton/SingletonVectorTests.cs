using System.Text.Json;
using HyperBeam.Core.Tests.Vectors;
using HyperBeam.Http.Singleton;

namespace HyperBeam.Http.Tests.Singleton;

/// <summary>
/// tests/vectors/singleton.json, read as it is: HyperBEAM's <c>hb_singleton:from/1</c> on each request. Where
/// HyperBEAM raised instead of answering (only <c>/a/x+resolve=b/c</c>: a function_clause error in
/// <c>parse_part_mods</c> of the recorded version), the port parses it as the newest <c>hb_singleton</c> does.
/// </summary>
public class SingletonVectorTests
{
    public static IEnumerable<object[]> Vectors() => VectorFile.Rows("singleton.json", nameField: "request");

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Parses_as_HyperBEAM(VectorCase vector)
    {
        var request = TypedJson.ToMessage(vector.Data.GetProperty("request"));
        var output = vector.Data.GetProperty("output");
        if (output.ValueKind == JsonValueKind.Object && output.TryGetProperty("error", out _))
        {
            // The newest hb_singleton parses what the recorded one raised on: `x+resolve=b` as `x&x+resolve=b`.
            Steps.Equal([Steps.Msg(), Steps.Step("a"), Steps.Step("x", ("x", SubresolutionValue.ToValue(Steps.Sub(Steps.Msg(), Steps.Step("b"))))), Steps.Step("c")],
                SingletonParser.Parse(request));
            return;
        }
        Steps.Equal(SingletonVectorJson.ToSteps(output), SingletonParser.Parse(request));
    }

    [Fact]
    public void Every_vector_is_read()
    {
        var vectors = VectorFile.Vectors("singleton.json");
        Assert.Equal(16, vectors.GetArrayLength());
        Assert.Single(vectors.EnumerateArray(), v => v.GetProperty("output").ValueKind == JsonValueKind.Object);
    }
}
