using System.Collections;
using System.Text;

namespace HyperBeam.Core.Messages;

/// <summary>
/// An AO-Core message: an immutable map from normalised keys to values, kept in canonical (code point) order.
/// Private keys live apart in <see cref="Priv"/>: they never show in <see cref="Keys"/>, lookups, IDs or encodings.
/// </summary>
public sealed class Message : AoValue, IReadOnlyCollection<KeyValuePair<string, AoValue>>
{
    private readonly KeyValuePair<string, AoValue>[] _entries;
    private readonly Message? _priv;

    /// <summary>The unsigned ID once computed: messages are immutable, so it never goes stale.</summary>
    internal byte[]? CachedUnsignedId;

    /// <summary>
    /// The httpsig encoding that signatures and the HMAC ID are computed over (every public key but
    /// <c>commitments</c>), once computed. Neither it nor <see cref="CachedUnsignedId"/> depends on the commitments or
    /// the private part, so both pass to a copy that differs from this message only there (<see cref="CarryIds"/>):
    /// decoding a signed request, adding its HMAC commitment and checking its signature then encode it once.
    /// </summary>
    internal Message? CachedSignatureEncoding;

    /// <summary>The key whose value never enters the unsigned ID or the signature encoding.</summary>
    private const string CommitmentsKey = "commitments";

    public static readonly Message Empty = new([], null);

    internal Message(KeyValuePair<string, AoValue>[] sortedEntries, Message? priv)
    {
        _entries = sortedEntries;
        _priv = priv is { Count: 0, _priv: null } ? null : priv;
    }

    /// <summary>Builds a message from key/value pairs; keys are normalised, plain CLR values converted.</summary>
    public static Message From(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var builder = new MessageBuilder();
        foreach (var (key, value) in pairs) builder.Set(key, From(value));
        return builder.Build();
    }

    /// <summary>
    /// A message of public keys given already normalised and in key order (checked, in one pass): no staging
    /// dictionary and no sort, for code that builds many messages of the same keys (an assignment per slot).
    /// </summary>
    /// <exception cref="ArgumentException">A key is private, not normalised, repeated or out of order.</exception>
    public static Message FromOrdered(ReadOnlySpan<KeyValuePair<string, AoValue>> entries)
    {
        if (entries.IsEmpty) return Empty;
        var copy = new KeyValuePair<string, AoValue>[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var (key, value) = entries[i];
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            if (MessageKeys.Normalize(key) != key || MessageKeys.IsPrivate(key))
                throw new ArgumentException($"'{key}' is not a normalised public key", nameof(entries));
            if (i > 0 && MessageKeys.Order.Compare(copy[i - 1].Key, key) >= 0)
                throw new ArgumentException($"'{key}' does not follow '{copy[i - 1].Key}' in key order", nameof(entries));
            copy[i] = entries[i];
        }
        return new Message(copy, null);
    }

    /// <summary>Builds a message from tuples: <c>Message.Of(("a", "1"), ("n", 2))</c>.</summary>
    public static Message Of(params (string Key, object? Value)[] pairs)
    {
        var builder = new MessageBuilder();
        foreach (var (key, value) in pairs) builder.Set(key, From(value));
        return builder.Build();
    }

    public override string TypeName => "message";

    /// <summary>Number of public keys.</summary>
    public int Count => _entries.Length;

    public bool IsEmpty => _entries.Length == 0;

    /// <summary>The private part of the message (hashpaths, node-local state). Never encoded.</summary>
    public Message Priv => _priv ?? Empty;

    /// <summary>Public keys in canonical order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var e in _entries) yield return e.Key;
        }
    }

    public ReadOnlySpan<KeyValuePair<string, AoValue>> Entries => _entries;

    public AoValue? this[string key] => Get(key);

    /// <summary>Exact lookup of a key after normalisation; null when absent or private.</summary>
    public AoValue? Get(string key)
    {
        var i = IndexOf(MessageKeys.Normalize(key));
        return i >= 0 ? _entries[i].Value : null;
    }

    public bool TryGet(string key, out AoValue value)
    {
        var found = Get(key);
        value = found!;
        return found is not null;
    }

    public bool ContainsKey(string key) => IndexOf(MessageKeys.Normalize(key)) >= 0;

    /// <summary>The value as UTF-8 text when it is a binary, else null.</summary>
    public string? GetText(string key) => Get(key) is AoBinary b ? b.Text : null;

    public Message? GetMessage(string key) => Get(key) as Message;

    /// <summary>Returns a message with the key set. A private key goes to <see cref="Priv"/>.</summary>
    public Message Set(string key, AoValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var norm = MessageKeys.Normalize(key);
        if (MessageKeys.IsPrivate(norm))
            return norm == "priv"
                ? WithPriv(value as Message ?? Empty.Set("value", value))
                : WithPriv(Priv.Set(MessageKeys.PrivateSuffix(norm), value));
        var i = IndexOf(norm);
        KeyValuePair<string, AoValue>[] next;
        if (i >= 0)
        {
            if (_entries[i].Value.Equals(value)) return this;
            next = (KeyValuePair<string, AoValue>[])_entries.Clone();
            next[i] = new(norm, value);
        }
        else
        {
            var at = ~i;
            next = new KeyValuePair<string, AoValue>[_entries.Length + 1];
            Array.Copy(_entries, 0, next, 0, at);
            next[at] = new(norm, value);
            Array.Copy(_entries, at, next, at + 1, _entries.Length - at);
        }
        var set = new Message(next, _priv);
        return norm == CommitmentsKey ? CarryIds(set) : set;
    }

    public Message Remove(string key)
    {
        var norm = MessageKeys.Normalize(key);
        if (MessageKeys.IsPrivate(norm)) return norm == "priv" ? WithPriv(Empty) : WithPriv(Priv.Remove(MessageKeys.PrivateSuffix(norm)));
        var i = IndexOf(norm);
        if (i < 0) return this;
        var next = new KeyValuePair<string, AoValue>[_entries.Length - 1];
        Array.Copy(_entries, 0, next, 0, i);
        Array.Copy(_entries, i + 1, next, i, _entries.Length - i - 1);
        var removed = new Message(next, _priv);
        return norm == CommitmentsKey ? CarryIds(removed) : removed;
    }

    public Message Without(params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var m = this;
        // A few keys: one Remove each. Many (from input): one pass, since each Remove copies the whole array.
        if (keys.Length <= 8)
        {
            foreach (var k in keys) m = m.Remove(k);
            return m;
        }
        var drop = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            var norm = MessageKeys.Normalize(k);
            if (MessageKeys.IsPrivate(norm)) m = m.Remove(norm);
            else drop.Add(norm);
        }
        return m.Where((key, _) => !drop.Contains(key));
    }

    /// <summary>The public keys for which <paramref name="keep"/> holds, in one pass; private data stays.</summary>
    public Message Where(Func<string, AoValue, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        List<KeyValuePair<string, AoValue>>? kept = null;
        for (var i = 0; i < _entries.Length; i++)
        {
            var keepThis = keep(_entries[i].Key, _entries[i].Value);
            if (kept is null)
            {
                if (keepThis) continue;
                kept = new List<KeyValuePair<string, AoValue>>(_entries.Length);
                for (var j = 0; j < i; j++) kept.Add(_entries[j]);
            }
            else if (keepThis)
            {
                kept.Add(_entries[i]);
            }
        }
        return kept is null ? this : new Message(kept.ToArray(), _priv);
    }

    /// <summary>
    /// This message with every public key of <paramref name="overrides"/> set over it (the same as one
    /// <see cref="Set"/> per key, overrides winning), in one merge of the two sorted key arrays: linear, where a
    /// <see cref="Set"/> per key would copy the whole array each time. Private data of <paramref name="overrides"/>
    /// is not taken.
    /// </summary>
    public Message Merge(Message overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides._entries.Length == 0) return this;
        if (_entries.Length == 0) return _priv is null ? overrides.WithoutPriv() : new Message(overrides._entries, _priv);
        var a = _entries;
        var b = overrides._entries;
        var merged = new KeyValuePair<string, AoValue>[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            var c = MessageKeys.Order.Compare(a[i].Key, b[j].Key);
            if (c < 0) merged[n++] = a[i++];
            else if (c > 0) merged[n++] = b[j++];
            else
            {
                merged[n++] = b[j++];
                i++;
            }
        }
        while (i < a.Length) merged[n++] = a[i++];
        while (j < b.Length) merged[n++] = b[j++];
        if (n < merged.Length) Array.Resize(ref merged, n);
        return new Message(merged, _priv);
    }

    public Message WithPriv(Message priv) => ReferenceEquals(priv, _priv) ? this : CarryIds(new Message(_entries, priv));

    /// <summary>The same public keys without any private data.</summary>
    public Message WithoutPriv() => _priv is null ? this : CarryIds(new Message(_entries, null));

    /// <summary><paramref name="copy"/> (this message with other commitments or private data) with what this one has computed.</summary>
    private Message CarryIds(Message copy)
    {
        copy.CachedUnsignedId = CachedUnsignedId;
        copy.CachedSignatureEncoding = CachedSignatureEncoding;
        return copy;
    }

    public MessageBuilder ToBuilder() => new(this);

    private int IndexOf(string normalizedKey)
    {
        int lo = 0, hi = _entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = MessageKeys.Order.Compare(_entries[mid].Key, normalizedKey);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    public IEnumerator<KeyValuePair<string, AoValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, AoValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equality of public content; private data does not take part.</summary>
    public override bool Equals(AoValue? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is not Message m || m._entries.Length != _entries.Length) return false;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (!string.Equals(_entries[i].Key, m._entries[i].Key, StringComparison.Ordinal)) return false;
            if (!_entries[i].Value.Equals(m._entries[i].Value)) return false;
        }
        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in _entries)
        {
            hash.Add(e.Key, StringComparer.Ordinal);
            hash.Add(e.Value);
        }
        return hash.ToHashCode();
    }

    internal override void Render(StringBuilder sb, int depth)
    {
        sb.Append('{');
        var first = true;
        foreach (var (key, value) in _entries)
        {
            if (!first) sb.Append(", ");
            first = false;
            if (depth > 4) { sb.Append('…'); break; }
            sb.Append(key).Append(": ");
            value.Render(sb, depth + 1);
        }
        sb.Append('}');
    }
}
