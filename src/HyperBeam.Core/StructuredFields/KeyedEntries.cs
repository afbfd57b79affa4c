namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// Insertion-ordered key/value storage with unique keys, shared by <see cref="SfParameters"/> and
/// <see cref="SfDictionary"/>. Setting an existing key replaces its value in place, which is the RFC 8941
/// rule for duplicate keys. Only the owning type mutates it, and only while it is being built.
/// </summary>
internal sealed class KeyedEntries<TValue>
    where TValue : class
{
    // Parameters are usually a handful of entries; a linear scan beats hashing there.
    private const int IndexThreshold = 8;

    private KeyValuePair<string, TValue>[] _entries;
    private int _count;
    private Dictionary<string, int>? _index;

    public KeyedEntries(int capacity = 0) =>
        _entries = capacity == 0 ? [] : new KeyValuePair<string, TValue>[capacity];

    public int Count => _count;

    public KeyValuePair<string, TValue> this[int index] =>
        (uint)index < (uint)_count ? _entries[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var found) ? found : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public void Set(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);

        var existing = IndexOf(key);
        if (existing >= 0)
        {
            _entries[existing] = new(key, value);
            return;
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, _count * 2));
        }

        _entries[_count] = new(key, value);
        _count++;

        if (_index is not null)
        {
            _index[key] = _count - 1;
        }
        else if (_count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _index[_entries[i].Key] = i;
            }
        }
    }

    public bool SequenceEquals(KeyedEntries<TValue> other)
    {
        if (_count != other._count)
        {
            return false;
        }

        for (var i = 0; i < _count; i++)
        {
            var mine = _entries[i];
            var theirs = other._entries[i];
            if (!string.Equals(mine.Key, theirs.Key, StringComparison.Ordinal) || !mine.Value.Equals(theirs.Value))
            {
                return false;
            }
        }

        return true;
    }

    public int SequenceHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < _count; i++)
        {
            hash.Add(_entries[i].Key, StringComparer.Ordinal);
            hash.Add(_entries[i].Value);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _entries[i];
        }
    }
}
