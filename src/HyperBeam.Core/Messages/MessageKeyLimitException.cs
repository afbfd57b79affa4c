namespace HyperBeam.Core.Messages;

/// <summary>
/// A message being built from untrusted input would hold more keys than its <see cref="MessageBuilder"/> allows.
/// Not a <see cref="Codecs.CodecException"/>: the input may be well formed, it is only too big, and callers answer
/// it differently (413 rather than 400).
/// </summary>
public sealed class MessageKeyLimitException(int limit)
    : Exception($"a message has more than {limit} keys, the limit (max-keys) of this node")
{
    public int Limit { get; } = limit;
}
