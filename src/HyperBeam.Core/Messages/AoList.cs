using System.Collections;
using System.Collections.Immutable;
using System.Text;

namespace HyperBeam.Core.Messages;

/// <summary>An ordered list of values. Addressed by key it behaves as the message <c>1..n</c>.</summary>
public sealed class AoList : AoValue, IReadOnlyList<AoValue>
{
    public static readonly AoList Empty = new(ImmutableArray<AoValue>.Empty);

    public AoList(ImmutableArray<AoValue> items) => Items = items.IsDefault ? ImmutableArray<AoValue>.Empty : items;

    public AoList(IEnumerable<AoValue> items) : this(items.ToImmutableArray()) { }

    public static AoList Of(params AoValue[] items) => new(items.ToImmutableArray());

    public ImmutableArray<AoValue> Items { get; }

    public override string TypeName => "list";

    public int Count => Items.Length;

    public AoValue this[int index] => Items[index];

    /// <summary>The element at a 1-based key such as <c>"2"</c>, or null.</summary>
    public AoValue? GetByKey(string key) =>
        int.TryParse(key, System.Globalization.NumberStyles.None, null, out var n) && n >= 1 && n <= Items.Length
            ? Items[n - 1]
            : null;

    /// <summary>The list as the message <c>{"1": …, "2": …}</c>.</summary>
    public Message ToNumberedMessage()
    {
        var builder = new MessageBuilder();
        for (var i = 0; i < Items.Length; i++) builder.Set((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Items[i]);
        return builder.Build();
    }

    public IEnumerator<AoValue> GetEnumerator() => ((IEnumerable<AoValue>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(AoValue? other)
    {
        if (other is not AoList l || l.Items.Length != Items.Length) return false;
        for (var i = 0; i < Items.Length; i++)
            if (!Items[i].Equals(l.Items[i])) return false;
        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items) hash.Add(item);
        return hash.ToHashCode();
    }

    internal override void Render(StringBuilder sb, int depth)
    {
        sb.Append('[');
        for (var i = 0; i < Items.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            if (depth > 4) { sb.Append('…'); break; }
            Items[i].Render(sb, depth + 1);
        }
        sb.Append(']');
    }
}
