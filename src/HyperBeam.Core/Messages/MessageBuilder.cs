namespace HyperBeam.Core.Messages;

/// <summary>
/// Mutable staging area for building a <see cref="Message"/> with many keys in one pass: each <see cref="Set"/> is a
/// hash insert and <see cref="Build"/> sorts once, so n keys cost O(n log n) rather than the O(n²) of n
/// <see cref="Message.Set"/> calls, each of which copies the whole key array. A builder for untrusted input takes a
/// key budget and refuses the key past it with <see cref="MessageKeyLimitException"/>.
/// </summary>
public sealed class MessageBuilder
{
    private readonly Dictionary<string, AoValue> _entries;
    private readonly int _maxKeys;
    private Message _priv;
    private MessageBuilder? _privBuilder;

    public MessageBuilder() : this(int.MaxValue)
    {
    }

    /// <param name="maxKeys">Most public keys the message may get; one more throws <see cref="MessageKeyLimitException"/>.</param>
    public MessageBuilder(int maxKeys)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxKeys);
        _maxKeys = maxKeys;
        _entries = new Dictionary<string, AoValue>(StringComparer.Ordinal);
        _priv = Message.Empty;
    }

    public MessageBuilder(Message from)
    {
        ArgumentNullException.ThrowIfNull(from);
        _maxKeys = int.MaxValue;
        _entries = new Dictionary<string, AoValue>(from.Count, StringComparer.Ordinal);
        foreach (var (k, v) in from.Entries) _entries[k] = v;
        _priv = from.Priv;
    }

    public int Count => _entries.Count;

    public MessageBuilder Set(string key, AoValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var norm = MessageKeys.Normalize(key);
        if (MessageKeys.IsPrivate(norm))
        {
            if (norm == "priv")
            {
                _priv = value as Message ?? Message.Empty.Set("value", value);
                _privBuilder = null;
            }
            else
            {
                // Private keys go through a builder of their own, so that many of them stay linear too.
                (_privBuilder ??= new MessageBuilder(_priv)).Set(MessageKeys.PrivateSuffix(norm), value);
            }
            return this;
        }
        if (_entries.Count >= _maxKeys && !_entries.ContainsKey(norm)) throw new MessageKeyLimitException(_maxKeys);
        _entries[norm] = value;
        return this;
    }

    public MessageBuilder Remove(string key)
    {
        _entries.Remove(MessageKeys.Normalize(key));
        return this;
    }

    public bool TryGet(string key, out AoValue? value) => _entries.TryGetValue(MessageKeys.Normalize(key), out value);

    public Message Build()
    {
        var priv = _privBuilder?.Build() ?? _priv;
        if (_entries.Count == 0 && priv.IsEmpty && priv.Priv.IsEmpty) return Message.Empty;
        var entries = new KeyValuePair<string, AoValue>[_entries.Count];
        var i = 0;
        foreach (var entry in _entries) entries[i++] = entry;
        Array.Sort(entries, EntryOrder);
        return new Message(entries, priv);
    }

    private static readonly Comparison<KeyValuePair<string, AoValue>> EntryOrder = (a, b) => MessageKeys.Order.Compare(a.Key, b.Key);
}
