using Wasmtime;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// A compiled emscripten module whose imports this host answers: emscripten's <c>env</c> functions, WASI preview1 and the
/// embedder's own host functions. An import nobody answers fails here, at load, with its name — never at a random call.
/// </summary>
public sealed class EmscriptenModule : IDisposable
{
    internal EmscriptenModule(EmscriptenRuntime runtime, Module module, IReadOnlyDictionary<string, EmscriptenHostFunction> hostFunctions)
    {
        Runtime = runtime;
        Module = module;
        HostFunctions = hostFunctions;
        var unknown = new List<string>();
        foreach (var import in module.Imports)
        {
            var key = $"{import.ModuleName}.{import.Name}";
            if (import is not FunctionImport
                || !(hostFunctions.ContainsKey(key) || EmscriptenEnvImports.Answers(import.ModuleName, import.Name)
                     || WasiPreview1Imports.Answers(import.ModuleName, import.Name)))
                unknown.Add(key);
        }
        if (unknown.Count > 0)
            throw new InvalidOperationException($"the module imports what this host does not provide: {string.Join(", ", unknown)}");
    }

    public EmscriptenRuntime Runtime { get; }

    internal Module Module { get; }

    internal IReadOnlyDictionary<string, EmscriptenHostFunction> HostFunctions { get; }

    /// <summary>
    /// A fresh instance (its own store and memory), initialised by <c>_initialize</c> when the module has one. Its fuel,
    /// wall time and memory limits are <paramref name="limits"/> (the runtime's options when null); the engine-wide
    /// settings (memory64, stack size) are always the runtime's.
    /// </summary>
    public EmscriptenInstance Instantiate(EmscriptenSystem system, EmscriptenOptions? limits = null) => new(this, system, limits);

    public void Dispose() => Module.Dispose();
}
