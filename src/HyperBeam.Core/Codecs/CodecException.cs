namespace HyperBeam.Core.Codecs;

/// <summary>Input that a codec cannot decode or a message it cannot encode; the message says which key and why.</summary>
public sealed class CodecException(string message, Exception? inner = null) : FormatException(message, inner);
