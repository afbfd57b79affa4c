using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// One call's hold on an instance: while any lease on it is open the pool does not dispose it. Disposing the lease
/// ends the use (once, however often it is disposed).
/// </summary>
internal sealed class WasmLease(WasmInstance instance, Action release) : IDisposable
{
    private int _released;

    public WasmInstance Instance { get; } = instance;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release();
    }
}
