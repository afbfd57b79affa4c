using HyperBeam.Core.Messages;

namespace HyperBeam.Storage;

/// <summary>
/// Store answers for stores that expose a fetched message as a tree (gateway, remote node): a binary is a simple
/// entry, a message a composite one whose keys are its children, anything else is absent.
/// </summary>
internal static class MessageTreeEntry
{
    public static byte[]? Bytes(AoValue? node) => node is AoBinary b ? b.ToArray() : null;

    public static StoreEntryType Type(AoValue? node) => node switch
    {
        Message => StoreEntryType.Composite,
        AoBinary => StoreEntryType.Simple,
        _ => StoreEntryType.NotFound,
    };

    public static IReadOnlyList<string>? Children(AoValue? node) => node is Message m ? [.. m.Keys] : null;
}
