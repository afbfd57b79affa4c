namespace HyperBeam.Processes.Compute;

/// <summary>Why a compute worker restarts itself: a device threw, or a step ran past its timeout.</summary>
public sealed class ComputeWorkerFailure(string message) : Exception(message);
