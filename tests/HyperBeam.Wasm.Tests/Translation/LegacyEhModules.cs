using System.Text.Json;
using HyperBeam.Tests.Shared;
using HyperBeam.Wasm.Translation;
using Wasmtime;

namespace HyperBeam.Wasm.Tests.Translation;

/// <summary>
/// The legacy exception-handling test modules (wasm/eh) and the two ways to run their exports: translated, on
/// Wasmtime; as they are, on Node's V8 (which runs the legacy instructions natively). Each export takes no arguments;
/// its outcome is the i32 it returns, "exception" (a Wasm exception left the module) or "trap".
/// </summary>
internal static class LegacyEhModules
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Modules", "eh");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    /// <summary>An engine as the emscripten host configures it: exceptions on, memory64 on.</summary>
    public static Engine NewEngine()
    {
        using var config = new Config().WithExceptions(true).WithMemory64(true).WithReferenceTypes(true).WithMultiValue(true).WithBulkMemory(true);
        return new Engine(config);
    }

    public static Dictionary<string, string> RunOnWasmtime(byte[] module)
    {
        using var engine = NewEngine();
        using var compiled = Module.FromBytes(engine, "legacy-eh", LegacyExceptionTranslator.Translate(module));
        var traced = compiled.Exports.Any(e => e is GlobalExport && e.Name == "trace");
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var export in compiled.Exports.OfType<FunctionExport>())
        {
            using var store = new Store(engine);
            var instance = new Instance(store, compiled);
            string outcome;
            try
            {
                outcome = Convert.ToString(instance.GetFunction(export.Name)!.Invoke(), System.Globalization.CultureInfo.InvariantCulture)!;
            }
            catch (TrapException e)
            {
                outcome = e.Message.Contains("thrown Wasm exception", StringComparison.Ordinal) ? "exception" : "trap";
            }
            outcomes[export.Name] = traced ? $"{outcome}@{instance.GetGlobal("trace")!.GetValue()}" : outcome;
        }
        return outcomes;
    }

    /// <summary>Each module's outcomes on Node, in the order given (one node process for all).</summary>
    public static async Task<List<Dictionary<string, string>>> RunOnNodeAsync(params string[] paths)
    {
        var node = await ChildProcess.RunAsync("node", [Path.Combine(Folder, "run-exports.cjs"), .. paths.Select(p => Path.Combine(Folder, p))],
            Folder, null, TimeSpan.FromMinutes(2));
        return node.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }).ToList();
    }
}
