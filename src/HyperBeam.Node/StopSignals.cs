using System.Runtime.InteropServices;

namespace HyperBeam.Node;

/// <summary>
/// SIGINT and SIGTERM as a request to stop, for <c>hb run</c>: the first one is remembered (by name, for the exit
/// line) and the process is not terminated by the runtime, so the node can finish what it is doing and stop cleanly.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly TaskCompletionSource<string> _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Completes with the signal's name (<c>SIGTERM</c>, <c>SIGINT</c>) when one arrives.</summary>
    public Task<string> Requested => _requested.Task;

    public bool IsRequested => _requested.Task.IsCompleted;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _requested.TrySetResult(context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM");
    }
}
