namespace HyperBeam.Node.Benchmarking.External;

/// <summary>wrk is not on the PATH and could not be installed; the message says what to do.</summary>
public sealed class WrkMissingException(string message) : Exception(message);
