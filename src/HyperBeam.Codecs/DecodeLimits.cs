using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs;

/// <summary>
/// What decoding one untrusted input may cost: keys per message (at every level of nesting; items per list too)
/// and a signal that whoever wanted the result has gone. Over the key limit a decoder throws
/// <see cref="MessageKeyLimitException"/>; once cancelled it throws <see cref="OperationCanceledException"/> at its
/// next key. <see cref="None"/> (the default everywhere) bounds nothing, for the node's own data.
/// </summary>
public sealed record DecodeLimits
{
    public static DecodeLimits None { get; } = new();

    public int MaxKeys
    {
        get => _maxKeys;
        init => _maxKeys = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxKeys), value, "must be positive");
    }

    public CancellationToken Cancellation { get; init; }

    private readonly int _maxKeys = int.MaxValue;

    /// <summary>A builder for one message of the input, refusing the key past <see cref="MaxKeys"/>.</summary>
    internal MessageBuilder NewMessage() => new(MaxKeys);

    /// <summary>Call once per key or item read: counts it against <see cref="MaxKeys"/> and notices cancellation.</summary>
    internal void Count(int countSoFar)
    {
        if (countSoFar > MaxKeys) throw new MessageKeyLimitException(MaxKeys);
        Cancellation.ThrowIfCancellationRequested();
    }
}
