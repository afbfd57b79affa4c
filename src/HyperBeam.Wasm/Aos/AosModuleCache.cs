using System.Collections.Concurrent;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// One emscripten engine per distinct set of host limits, shared by every <see cref="GenesisWasmDevice"/> of the node,
/// with its compiled modules by module ID: a second spawn (or a second worker) of the same module compiles nothing.
/// Beyond <see cref="AosOptions.MaxModules"/> the cache starts afresh (instances keep the modules they were made from).
/// </summary>
internal sealed class AosModuleCache
{
    private static readonly ConcurrentDictionary<EmscriptenOptions, AosModuleCache> Engines = new();

    private readonly ConcurrentDictionary<string, Lazy<EmscriptenModule>> _modules = new(StringComparer.Ordinal);
    private readonly int _maxModules;

    private AosModuleCache(EmscriptenOptions host, int maxModules)
    {
        Runtime = new EmscriptenRuntime(host);
        _maxModules = maxModules;
    }

    public static AosModuleCache For(AosOptions options) => Engines.GetOrAdd(options.Host, host => new AosModuleCache(host, options.MaxModules));

    public EmscriptenRuntime Runtime { get; }

    /// <summary>How many modules this engine has compiled and keeps.</summary>
    public int Count => _modules.Count;

    /// <summary>The compiled module of <paramref name="moduleId"/> when it is compiled already.</summary>
    public EmscriptenModule? TryGet(string moduleId) =>
        _modules.TryGetValue(moduleId, out var lazy) && lazy.IsValueCreated ? lazy.Value : null;

    /// <summary>The compiled module of <paramref name="moduleId"/>; <paramref name="image"/> is read only when it is not compiled yet. Throws when the module cannot run here.</summary>
    public EmscriptenModule Get(string moduleId, Func<byte[]> image)
    {
        if (_modules.Count >= _maxModules && !_modules.ContainsKey(moduleId)) _modules.Clear();
        var lazy = _modules.GetOrAdd(moduleId, id => new Lazy<EmscriptenModule>(() => Runtime.Load(image(), id)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _modules.TryRemove(new KeyValuePair<string, Lazy<EmscriptenModule>>(moduleId, lazy));
            throw;
        }
    }
}
