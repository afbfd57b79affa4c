using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Benchmarks;

/// <summary>
/// The resolver on its hot paths, beside the floor of what it must do per step: a dictionary lookup plus a
/// SHA-256 of 64 bytes.
/// </summary>
[MemoryDiagnoser]
public class ResolveBenchmarks
{
    private readonly Dictionary<string, byte[]> _dictionary = new() { ["a"] = new byte[64] };
    private Resolver _resolver = null!;
    private Resolver _noHashpath = null!;
    private Message _flat = Message.Empty;
    private Message _deep = Message.Empty;
    private Message _stack = Message.Empty;
    private Message _stackRequest = Message.Empty;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        // Five devices that each append a letter: the stack folds the message through all of them.
        var devices = DeviceRegistry.Preloaded;
        var names = new List<AoValue>();
        foreach (var letter in "abcde")
        {
            var name = $"append-{letter}@1.0";
            devices = devices.With(Device.Create(name, ("append", (b, _, _) =>
                ValueTask.FromResult(ResolveResult.Ok(b.Set("result", b.GetText("result") + letter))))));
            names.Add(name);
        }
        _resolver = new Resolver(devices);
        _noHashpath = new Resolver(devices, new ResolveOptions { Hashpath = HashpathMode.Ignore });
        _flat = Message.Of(("a", "1"), ("b", 2), ("c", "three"));
        _deep = Message.Of(("a", Message.Of(("b", Message.Of(("c", "leaf"))))));
        _stack = Message.Of(("device", "stack@1.0"), ("device-stack", new AoList(names)), ("result", ""));
        _stackRequest = Message.Of(("path", "append"));
    }

    [Benchmark(Baseline = true)]
    public byte[] DictionaryGetPlusSha256() => SHA256.HashData(_dictionary["a"]);

    [Benchmark]
    public async Task<ResolveResult> OneKeyLiteralResult() => await _resolver.ResolveAsync(_flat, "a");

    /// <summary>A message result carries a hashpath: the base's ID (cached after the first call) plus one SHA-256.</summary>
    [Benchmark]
    public async Task<ResolveResult> OneKeyWithHashpath() => await _resolver.ResolveAsync(_deep, "a");

    [Benchmark]
    public async Task<ResolveResult> OneKeyWithoutHashpath() => await _noHashpath.ResolveAsync(_deep, "a");

    /// <summary>The first resolution of a fresh base: its ID is computed, not cached.</summary>
    [Benchmark]
    public async Task<ResolveResult> OneKeyWithHashpathFreshBase() => await _resolver.ResolveAsync(_deep.Set("n", _counter++), "a");

    [Benchmark]
    public async Task<ResolveResult> ThreeStepPath() => await _resolver.ResolveAsync(_deep, "a/b/c");

    [Benchmark]
    public async Task<ResolveResult> FiveDeviceStack() => await _noHashpath.ResolveAsync(_stack, _stackRequest);
}
