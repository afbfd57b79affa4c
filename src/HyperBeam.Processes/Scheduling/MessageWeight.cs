using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// About how many bytes a message's content is: its binaries and keys, and a few bytes per other value. An estimate
/// for bounding what stays in memory, not an encoded size (the heap holds more: objects, cached text).
/// </summary>
internal static class MessageWeight
{
    private const long PerValue = 16;

    public static long Of(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long weight = 0;
        foreach (var (key, value) in message.Entries) weight += key.Length + Of(value);
        return weight;
    }

    private static long Of(AoValue value) => value switch
    {
        AoBinary binary => PerValue + binary.Length,
        Message nested => PerValue + Of(nested),
        AoList list => PerValue + list.Sum(Of),
        _ => PerValue,
    };
}
