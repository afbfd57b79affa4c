using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Aos;

namespace HyperBeam.Wasm.Tests.Aos;

/// <summary>
/// A result's <c>raw</c>: the module's JSON response as a message, which aoconnect's result/results/dryrun read.
/// </summary>
public class AosJsonResultRawTests
{
    [Fact]
    public void The_response_is_kept_as_a_message_with_lists_numbers_and_atoms()
    {
        const string returned = """
            {"ok":true,"response":{"Output":{"data":"hi"},"Messages":[{"Target":"t","Tags":[{"name":"Action","value":"A"}]}],
             "Spawns":[],"GasUsed":7,"Big":123456789012345678901234567890,"Ratio":0.5,"Flag":true,"Nothing":null}}
            """;

        var (results, error) = AosJsonResult.Parse(returned, "process", "module");

        Assert.Null(error);
        var raw = Assert.IsType<Message>(results!.Get("raw"));
        Assert.Equal("hi", raw.GetMessage("output")!.GetText("data"));
        var messages = Assert.IsType<AoList>(raw.Get("messages"));
        Assert.Equal("A", ((AoList)((Message)messages[0]).Get("tags")!)[0] is Message tag ? tag.GetText("value") : null);
        Assert.Empty(Assert.IsType<AoList>(raw.Get("spawns")));
        Assert.Equal(7, Assert.IsType<AoInteger>(raw.Get("gasused")).Value);
        Assert.IsType<AoFloat>(raw.Get("big"));
        Assert.Equal(0.5, Assert.IsType<AoFloat>(raw.Get("ratio")).Value);
        Assert.Same(AoAtom.True, raw.Get("flag"));
        Assert.Same(AoAtom.Null, raw.Get("nothing"));
    }

    [Fact]
    public void A_reported_error_keeps_its_response_too()
    {
        var (results, _) = AosJsonResult.Parse("""{"ok":true,"response":{"Error":"boom","Output":""}}""", "process", "module");

        Assert.Equal("boom", results!.GetText("error"));
        Assert.Equal("boom", Assert.IsType<Message>(results.Get("raw")).GetText("error"));
    }
}
