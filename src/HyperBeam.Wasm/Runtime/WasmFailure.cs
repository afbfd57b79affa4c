namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// Why a wasm operation failed: the HTTP-style status to answer with, a stable machine code (see
/// <see cref="WasmErrorCodes"/>), a readable message, and whether the instance is now unusable (a trap leaves memory
/// half-written, so the instance is discarded and the process continues from its last snapshot).
/// </summary>
public sealed record WasmFailure(int Status, string Code, string Message, bool DiscardsInstance = false);
