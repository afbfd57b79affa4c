using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// An sf-dictionary (RFC 8941 section 3.2): ordered members keyed by unique keys. Immutable. When built
/// from entries with a repeated key the later member wins but keeps the first key's position, as the
/// RFC requires of parsers. Equality is by value and order-sensitive.
/// </summary>
/// <remarks>
/// Supports collection expressions: <c>SfDictionary d = [new("a", new SfItem(new SfInteger(1)))];</c>
/// </remarks>
[CollectionBuilder(typeof(SfDictionary), nameof(Create))]
public sealed class SfDictionary : IReadOnlyList<KeyValuePair<string, SfMember>>, IEquatable<SfDictionary>
{
    private readonly KeyedEntries<SfMember> _entries;

    public SfDictionary(IEnumerable<KeyValuePair<string, SfMember>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = new KeyedEntries<SfMember>();
        foreach (var entry in entries)
        {
            _entries.Set(entry.Key, entry.Value);
        }
    }

    internal SfDictionary(KeyedEntries<SfMember> entries) => _entries = entries;

    public static SfDictionary Empty { get; } = new(new KeyedEntries<SfMember>());

    public int Count => _entries.Count;

    public KeyValuePair<string, SfMember> this[int index] => _entries[index];

    /// <summary>The value for <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public SfMember this[string key] =>
        TryGet(key, out var value) ? value : throw new KeyNotFoundException($"No dictionary member named '{key}'.");

    public static SfDictionary Create(ReadOnlySpan<KeyValuePair<string, SfMember>> entries)
    {
        if (entries.IsEmpty)
        {
            return Empty;
        }

        var built = new KeyedEntries<SfMember>(entries.Length);
        foreach (var entry in entries)
        {
            built.Set(entry.Key, entry.Value);
        }

        return new SfDictionary(built);
    }

    public bool ContainsKey(string key) => _entries.IndexOf(key) >= 0;

    public bool TryGet(string key, [NotNullWhen(true)] out SfMember? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var index = _entries.IndexOf(key);
        value = index >= 0 ? _entries[index].Value : null;
        return value is not null;
    }

    /// <summary>Same as <see cref="TryGet"/>, named like <see cref="IReadOnlyDictionary{TKey,TValue}"/>.</summary>
    public bool TryGetValue(string key, [NotNullWhen(true)] out SfMember? value) => TryGet(key, out value);

    /// <summary>A copy with <paramref name="key"/> set: replaced in place if present, appended otherwise.</summary>
    public SfDictionary With(string key, SfMember value)
    {
        var copy = new KeyedEntries<SfMember>(Count + 1);
        for (var i = 0; i < Count; i++)
        {
            copy.Set(_entries[i].Key, _entries[i].Value);
        }

        copy.Set(key, value);
        return new SfDictionary(copy);
    }

    public bool Equals(SfDictionary? other) =>
        other is not null && (ReferenceEquals(this, other) || _entries.SequenceEquals(other._entries));

    public override bool Equals(object? obj) => Equals(obj as SfDictionary);

    public override int GetHashCode() => _entries.SequenceHashCode();

    public static bool operator ==(SfDictionary? left, SfDictionary? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(SfDictionary? left, SfDictionary? right) => !(left == right);

    public IEnumerator<KeyValuePair<string, SfMember>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The serialized form (for diagnostics), e.g. <c>a=1, b</c>.</summary>
    public override string ToString()
    {
        try
        {
            return StructuredFieldSerializer.SerializeDictionary(this);
        }
        catch (StructuredFieldException)
        {
            return $"SfDictionary (unserializable, {Count} entries)";
        }
    }
}
