namespace HyperBeam.Node.Tests;

public class ResolveCommandTests
{
    [Fact]
    public async Task Resolving_a_path_prints_the_status_the_hashpath_and_the_typed_result()
    {
        var (exit, output, _) = await CommandLine.RunAsync(ResolveCommand.Create(), "resolve", "a/b", "--base", """{"a":{"b":{"c":1}}}""");
        Assert.Equal(0, exit);
        Assert.Contains("status: ok", output);
        Assert.Matches("hashpath: [A-Za-z0-9_-]{43}/b", output);
        Assert.Contains("\"c\":\"1\"", output);
        Assert.Contains("c=\\\"integer\\\"", output);
    }

    [Fact]
    public async Task A_missing_key_prints_not_found_and_exits_1()
    {
        var (exit, output, _) = await CommandLine.RunAsync(ResolveCommand.Create(), "resolve", "nope", "--base", """{"a":1}""");
        Assert.Equal(1, exit);
        Assert.Contains("status: not_found", output);
    }

    [Fact]
    public async Task An_unreadable_base_is_reported_and_exits_2()
    {
        var (exit, _, error) = await CommandLine.RunAsync(ResolveCommand.Create(), "resolve", "a", "--base", "{bad");
        Assert.Equal(2, exit);
        Assert.Contains("--base is not a usable message", error);
    }

    [Fact]
    public async Task A_literal_result_prints_as_text()
    {
        var (exit, output, _) = await CommandLine.RunAsync(ResolveCommand.Create(), "resolve", "/greeting", "--base", """{"greeting":"hello"}""");
        Assert.Equal(0, exit);
        Assert.EndsWith("hello", output.TrimEnd());
    }
}
