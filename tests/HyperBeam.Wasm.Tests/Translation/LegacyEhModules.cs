using System.Diagnostics;
using System.Text.Json;
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
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var export in compiled.Exports.OfType<FunctionExport>())
        {
            using var store = new Store(engine);
            var instance = new Instance(store, compiled);
            try
            {
                outcomes[export.Name] = Convert.ToString(instance.GetFunction(export.Name)!.Invoke(), System.Globalization.CultureInfo.InvariantCulture)!;
            }
            catch (TrapException e)
            {
                outcomes[export.Name] = e.Message.Contains("thrown Wasm exception", StringComparison.Ordinal) ? "exception" : "trap";
            }
        }
        return outcomes;
    }

    public static async Task<Dictionary<string, string>> RunOnNodeAsync(string name)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.ArgumentList.Add(Path.Combine(Folder, "run-exports.cjs"));
        start.ArgumentList.Add(Path.Combine(Folder, name));
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node failed ({node.ExitCode}): {await errors}");
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetRawText() : p.Value.GetString()!,
            StringComparer.Ordinal);
    }
}
