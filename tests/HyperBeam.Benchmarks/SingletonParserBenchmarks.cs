using BenchmarkDotNet.Attributes;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Singleton;

namespace HyperBeam.Benchmarks;

/// <summary>
/// The URL grammar as every HTTP request meets it (<see cref="SingletonParser.Parse(string, HttpLimits?)"/>), on
/// typical paths, beside a plain <c>string.Split('/')</c> of the same path: the least any path parser does.
/// The pipeline's other socket-free stages (codec decode, signature checks) have benchmarks of their own.
/// </summary>
[MemoryDiagnoser]
public class SingletonParserBenchmarks
{
    /// <summary>The node's info page; a resolve with inline keys; a device, typed keys and a query; a sub-resolution.</summary>
    [Params(
        "/~meta@1.0/info",
        "/~message@1.0&a=1/a",
        "/~message@1.0&n+integer=3/n?accept-codec=json@1.0",
        "/~message@1.0&x=1/(/~message@1.0&y=x/y)")]
    public string Path { get; set; } = "";

    [Benchmark(Baseline = true)]
    public string[] StringSplit() => Path.Split('/');

    [Benchmark]
    public IReadOnlyList<ResolveInput> Parse() => SingletonParser.Parse(Path);
}
