using HyperBeam.Node.Terminal;

namespace HyperBeam.Node.Tests;

public class TerminalProgressTests
{
    [Fact]
    public async Task Output_that_is_not_the_terminal_gets_one_plain_line_per_step_and_the_result()
    {
        using var output = new StringWriter();
        using var plain = new StringWriter();
        var progress = TerminalProgress.For(output, plain);

        var result = await progress.TrackAsync("step one", TimeSpan.FromSeconds(1), () => Task.FromResult(42));

        Assert.False(progress.IsInteractive);
        Assert.Equal(42, result);
        Assert.Equal("step one" + Environment.NewLine, plain.ToString());
        Assert.Equal("", output.ToString());
    }
}
