
using HyperBeam.Hosting.Configuration;

namespace HyperBeam.Hosting.Tests.Configuration;

public sealed class HoconSyntaxTests
{
    /// <summary>Files Akka's parser accepts (the first two) or loops on (the third): each must be refused, naming the line.</summary>
    [Theory]
    [InlineData("hyperbeam {\n  port = 9998\n}}\n", "line 3, column 2: '}' closes nothing")]
    [InlineData("hyperbeam {\n  port = [ }\n", "line 2, column 12: '}' cannot close the '[' opened at line 2, column 10")]
    [InlineData("hyperbeam {\n  host = \"127.0.0.1\n}\n", "line 2, column 10: a quoted string is not closed on its line")]
    [InlineData("hyperbeam {\n  port = 1\n", "line 1, column 11: '{' is never closed")]
    [InlineData("a = \"\"\"open\n", "line 1, column 5: a \"\"\" string is never closed")]
    [InlineData("a = [1, 2}\n", "'}' cannot close the '['")]
    public void Malformed_files_are_refused_with_the_line_at_fault(string hocon, string expected)
    {
        var e = Assert.Throws<NodeConfigurationException>(() => HoconSyntax.Check(hocon, "the config file 'x.hocon'"));
        Assert.StartsWith("the config file 'x.hocon' is not valid HOCON: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("a = \"{ not a brace [\" # } nor this\nb = 1 // ] nor this\n")]
    [InlineData("a = \"escaped \\\" quote }\"\n")]
    [InlineData("a = \"\"\"multi\nline { [ \"quoted\" \n\"\"\"\nb = { c = [1, {d = 2}] }\n")]
    [InlineData("a = \"\"\"ends in more quotes\"\"\"\"\nb = ${a}\n")]
    [InlineData("url = \"http://x/y\"\npath = a.b.c\n")]
    public void Well_formed_text_passes(string hocon) => HoconSyntax.Check(hocon, "text");

    /// <summary>No false alarm on the configuration the project ships (every file under hocon/ and the samples).</summary>
    [Fact]
    public void Every_shipped_hocon_file_passes()
    {
        var root = RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "hocon"), "*.hocon")
            .Concat(Directory.GetFiles(Path.Combine(root, "samples"), "*.hocon", SearchOption.AllDirectories))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files) HoconSyntax.Check(File.ReadAllText(file), file);
    }

    [Fact]
    public void Loading_a_malformed_config_file_fails_before_any_node_starts()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "hyperbeam {\n  port = 9998\n}}\n");
            var e = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.Load(file, new Dictionary<string, string>()));
            Assert.Contains(file, e.Message);
            Assert.Contains("line 3", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HyperBeam.Actors.sln"))) return dir.FullName;
        throw new InvalidOperationException("HyperBeam.Actors.sln not found above " + AppContext.BaseDirectory);
    }
}
