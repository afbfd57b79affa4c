namespace HyperBeam.Hosting.Configuration;

/// <summary>Configuration the node cannot start with; the message names the key, the value and what is allowed.</summary>
public sealed class NodeConfigurationException(string message) : Exception(message);
