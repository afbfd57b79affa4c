using System.Text;
using HyperBeam.Node.Benchmarking.External;

namespace HyperBeam.Node.Tests;

/// <summary>The Lua the bench hands to wrk: requests kept byte for byte, pools split evenly between threads.</summary>
public class WrkScriptsTests
{
    [Fact]
    public void A_lua_string_keeps_carriage_returns_quotes_backslashes_and_high_bytes_as_escapes()
    {
        var text = WrkScripts.LuaString([.. "GET / HTTP/1.1\r\nA: \"b\\c\"\r\n"u8, 0xE9, 0x00]);
        Assert.Equal("\"GET / HTTP/1.1\\013\\010A: \\034b\\092c\\034\\013\\010\\233\\000\"", text);
    }

    [Fact]
    public void A_pool_holds_every_request_once_and_the_thread_count()
    {
        var requests = Enumerable.Range(0, 4).Select(i => Encoding.ASCII.GetBytes($"GET /{i} HTTP/1.1\r\n\r\n")).ToList();
        var script = WrkScripts.Pool(requests, threads: 2);

        foreach (var request in requests) Assert.Equal(1, Occurrences(script, WrkScripts.LuaString(request)));
        Assert.Contains("local threads = 2", script);
        Assert.Contains("function done(", script);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 2)]
    public void A_pool_that_the_threads_cannot_share_evenly_is_refused(int size, int threads)
    {
        var requests = Enumerable.Range(0, size).Select(_ => new byte[] { 1 }).ToList();
        Assert.Throws<ArgumentException>(() => WrkScripts.Pool(requests, threads));
    }

    [Fact]
    public void Distinct_requests_carry_the_thread_and_its_count_between_prefix_and_suffix()
    {
        var script = WrkScripts.Distinct("/~message@1.0&n=", "/n");
        Assert.Contains("prefix .. id .. \"-\" .. sent .. suffix", script);
        Assert.Contains(WrkScripts.LuaString("/~message@1.0&n="u8), script);
        Assert.Contains("thread:set(\"id\"", script);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
