namespace HyperBeam.Wasm.Emscripten;

/// <summary>Why a call into an emscripten module did not return normally.</summary>
public enum EmscriptenFailureKind
{
    /// <summary>The call used all its fuel.</summary>
    OutOfFuel,
    /// <summary>The call ran past its wall-time deadline.</summary>
    Deadline,
    /// <summary>The module called <c>proc_exit</c>.</summary>
    Exit,
    /// <summary>Any other trap (unreachable, out-of-bounds access, stack overflow, a failed host import).</summary>
    Trap,
}

/// <summary>
/// A call that trapped. The instance's state is no longer trustworthy after it: the owner discards the instance.
/// </summary>
public sealed class EmscriptenFailure(EmscriptenFailureKind kind, string message, int exitCode = 0) : Exception(message)
{
    public EmscriptenFailureKind Kind { get; } = kind;

    /// <summary>The <c>proc_exit</c> code when <see cref="Kind"/> is <see cref="EmscriptenFailureKind.Exit"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
