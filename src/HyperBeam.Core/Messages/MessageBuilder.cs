namespace HyperBeam.Core.Messages;

/// <summary>Mutable staging area for building a <see cref="Message"/> with many keys in one pass.</summary>
public sealed class MessageBuilder
{
    private readonly SortedDictionary<string, AoValue> _entries = new(MessageKeys.Order);
    private Message _priv;

    public MessageBuilder() => _priv = Message.Empty;

    public MessageBuilder(Message from)
    {
        foreach (var (k, v) in from.Entries) _entries[k] = v;
        _priv = from.Priv;
    }

    public int Count => _entries.Count;

    public MessageBuilder Set(string key, AoValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var norm = MessageKeys.Normalize(key);
        if (MessageKeys.IsPrivate(norm))
            _priv = norm == "priv" ? value as Message ?? Message.Empty.Set("value", value) : _priv.Set(MessageKeys.PrivateSuffix(norm), value);
        else
            _entries[norm] = value;
        return this;
    }

    public MessageBuilder Remove(string key)
    {
        _entries.Remove(MessageKeys.Normalize(key));
        return this;
    }

    public bool TryGet(string key, out AoValue? value) => _entries.TryGetValue(MessageKeys.Normalize(key), out value);

    public Message Build() => _entries.Count == 0 && _priv.IsEmpty && _priv.Priv.IsEmpty
        ? Message.Empty
        : new Message(_entries.ToArray(), _priv);
}
