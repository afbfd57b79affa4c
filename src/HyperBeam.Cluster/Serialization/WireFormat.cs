using HyperBeam.Core.Messages;

namespace HyperBeam.Cluster.Serialization;

/// <summary>
/// How one record type travels: its manifest (never changes once released) and its mapping to and from an AO message,
/// which MessageBinary then writes. Adding a key later is compatible; renaming or retyping one is not.
/// </summary>
internal sealed record WireFormat(Type Type, string Manifest, Func<object, Message> Encode, Func<Message, object> Decode)
{
    public static WireFormat For<T>(string manifest, Func<T, Message> encode, Func<Message, T> decode) where T : notnull =>
        new(typeof(T), manifest, o => encode((T)o), m => decode(m));
}
