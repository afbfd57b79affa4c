using System.Text.Json.Nodes;

namespace HyperBeam.Interop.Tests;

/// <summary>The harness itself: a failing script reports its stderr, a hanging one is killed.</summary>
[Collection(NodeCollection.Name)]
public class ScriptRunnerTests(NodeFixture node)
{
    [Fact]
    public async Task A_failing_script_reports_its_exit_code_and_stderr()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => node.RunAsync("fail.mjs", []));
        Assert.Contains("exited with 3", e.Message);
        Assert.Contains("deliberate failure: the harness must show this line", e.Message);
    }

    [Fact]
    public async Task A_script_that_does_not_finish_is_killed_at_its_deadline()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() => node.RunAsync("hang.mjs", [], TimeSpan.FromSeconds(2)));
        Assert.Contains("was killed", e.Message);
    }

    [Theory]
    [InlineData("arbundles")]
    [InlineData("http-message-signatures")]
    [InlineData("structured-headers")]
    public void Npm_ci_installed_the_pinned_version(string package)
    {
        var installed = JsonNode.Parse(File.ReadAllText(Path.Combine(node.NodeDirectory, "node_modules", package, "package.json")))!;
        var pinned = JsonNode.Parse(File.ReadAllText(Path.Combine(node.NodeDirectory, "package.json")))!["dependencies"]![package];
        Assert.NotNull(pinned);
        Assert.Equal((string?)pinned, (string?)installed["version"]);
    }
}
