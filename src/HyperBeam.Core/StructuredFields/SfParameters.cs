using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// The ordered parameters of an item or inner list (RFC 8941 section 3.1.2). Immutable; keys are unique,
/// and when built from entries with a repeated key the later value wins but keeps the first position.
/// Equality is by value and order-sensitive, because order is visible in the serialized form.
/// </summary>
/// <remarks>Supports collection expressions: <c>SfParameters p = [new("q", new SfDecimal(0.5m))];</c></remarks>
[CollectionBuilder(typeof(SfParameters), nameof(Create))]
public sealed class SfParameters : IReadOnlyList<KeyValuePair<string, SfBareItem>>, IEquatable<SfParameters>
{
    private readonly KeyedEntries<SfBareItem> _entries;

    public SfParameters(IEnumerable<KeyValuePair<string, SfBareItem>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = new KeyedEntries<SfBareItem>();
        foreach (var entry in entries)
        {
            _entries.Set(entry.Key, entry.Value);
        }
    }

    internal SfParameters(KeyedEntries<SfBareItem> entries) => _entries = entries;

    public static SfParameters Empty { get; } = new(new KeyedEntries<SfBareItem>());

    public int Count => _entries.Count;

    public KeyValuePair<string, SfBareItem> this[int index] => _entries[index];

    /// <summary>The value for <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public SfBareItem this[string key] =>
        TryGet(key, out var value) ? value : throw new KeyNotFoundException($"No parameter named '{key}'.");

    public static SfParameters Create(ReadOnlySpan<KeyValuePair<string, SfBareItem>> entries)
    {
        if (entries.IsEmpty)
        {
            return Empty;
        }

        var built = new KeyedEntries<SfBareItem>(entries.Length);
        foreach (var entry in entries)
        {
            built.Set(entry.Key, entry.Value);
        }

        return new SfParameters(built);
    }

    public bool ContainsKey(string key) => _entries.IndexOf(key) >= 0;

    public bool TryGet(string key, [NotNullWhen(true)] out SfBareItem? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var index = _entries.IndexOf(key);
        value = index >= 0 ? _entries[index].Value : null;
        return value is not null;
    }

    /// <summary>Same as <see cref="TryGet"/>, named like <see cref="IReadOnlyDictionary{TKey,TValue}"/>.</summary>
    public bool TryGetValue(string key, [NotNullWhen(true)] out SfBareItem? value) => TryGet(key, out value);

    /// <summary>A copy with <paramref name="key"/> set: replaced in place if present, appended otherwise.</summary>
    public SfParameters With(string key, SfBareItem value)
    {
        var copy = new KeyedEntries<SfBareItem>(Count + 1);
        for (var i = 0; i < Count; i++)
        {
            copy.Set(_entries[i].Key, _entries[i].Value);
        }

        copy.Set(key, value);
        return new SfParameters(copy);
    }

    public bool Equals(SfParameters? other) =>
        other is not null && (ReferenceEquals(this, other) || _entries.SequenceEquals(other._entries));

    public override bool Equals(object? obj) => Equals(obj as SfParameters);

    public override int GetHashCode() => _entries.SequenceHashCode();

    public static bool operator ==(SfParameters? left, SfParameters? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(SfParameters? left, SfParameters? right) => !(left == right);

    public IEnumerator<KeyValuePair<string, SfBareItem>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The serialized form (for diagnostics), e.g. <c>;a=1;b</c>.</summary>
    public override string ToString()
    {
        try
        {
            return StructuredFieldSerializer.SerializeParameters(this);
        }
        catch (StructuredFieldException)
        {
            return $"SfParameters (unserializable, {Count} entries)";
        }
    }
}
