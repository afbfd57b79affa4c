namespace HyperBeam.Wasm.Runtime;

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
