namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// Why a wasm operation failed: the HTTP-style status to answer with, a stable machine code (see
/// <see cref="WasmErrorCodes"/>), a readable message, and whether the instance is now unusable (a trap leaves memory
/// half-written, so the instance is discarded and the process continues from its last snapshot).
/// </summary>
public sealed record WasmFailure(int Status, string Code, string Message, bool DiscardsInstance = false);

/// <summary>The <c>error</c> codes a wasm failure carries.</summary>
public static class WasmErrorCodes
{
    public const string NoImage = "no-image";
    public const string ImageNotFound = "image-not-found";
    public const string BadImage = "bad-image";
    public const string InstantiationFailed = "instantiation-failed";
    public const string NoInstance = "no-instance";
    public const string MissingFunction = "missing-function";
    public const string BadParameters = "bad-parameters";
    public const string Trap = "trap";
    public const string OutOfFuel = "out-of-fuel";
    public const string MemoryLimit = "memory-limit";
    public const string ImportFailed = "import-failed";
    public const string Reentrant = "reentrant-call";
    public const string BadSnapshot = "bad-snapshot";
    public const string Discarded = "instance-discarded";
}

/// <summary>Thrown inside a host import to end the wasm call with <see cref="Failure"/>.</summary>
internal sealed class WasmImportException(WasmFailure failure) : Exception(failure.Message)
{
    public WasmFailure Failure { get; } = failure;
}
