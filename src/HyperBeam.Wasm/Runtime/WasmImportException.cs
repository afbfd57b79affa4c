namespace HyperBeam.Wasm.Runtime;

/// <summary>Thrown inside a host import to end the wasm call with <see cref="Failure"/>.</summary>
internal sealed class WasmImportException(WasmFailure failure) : Exception(failure.Message)
{
    public WasmFailure Failure { get; } = failure;
}
