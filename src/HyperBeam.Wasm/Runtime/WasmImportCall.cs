using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Runtime;

/// <summary>A call the module made to one of its imports, as <c>hb_beamr</c> reports it (module, func, args, func_sig).</summary>
internal sealed record WasmImportCall(string Module, string Function, IReadOnlyList<AoValue> Arguments, string Signature);

/// <summary>
/// Answers a module's imports during one call. Runs on the instance thread and may block it (never a pool thread);
/// returns the import's results, or throws <see cref="WasmImportException"/>.
/// </summary>
internal interface IWasmImportHandler
{
    IReadOnlyList<AoValue> Answer(WasmImportCall call);
}
