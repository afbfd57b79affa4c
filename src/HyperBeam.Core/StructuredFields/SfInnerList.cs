using System.Text;

namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// An inner list: a parenthesised, space-separated list of items, with parameters (RFC 8941 section 3.1.1).
/// </summary>
/// <remarks>Equality compares the items element by element, so parsed and built lists compare equal.</remarks>
public sealed record SfInnerList(IReadOnlyList<SfItem> Items, SfParameters Parameters) : SfMember(Parameters)
{
    /// <summary>An inner list without parameters.</summary>
    public SfInnerList(IReadOnlyList<SfItem> items)
        : this(items, SfParameters.Empty)
    {
    }

    public IReadOnlyList<SfItem> Items

    {

        get;

        init => field = value ?? throw new ArgumentNullException(nameof(Items));

    } = Items ?? throw new ArgumentNullException(nameof(Items));

    public bool Equals(SfInnerList? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!base.Equals(other) || Items.Count != other.Items.Count)
        {
            return false;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            if (!Items[i].Equals(other.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        for (var i = 0; i < Items.Count; i++)
        {
            hash.Add(Items[i]);
        }

        return hash.ToHashCode();
    }

    // The default record printer would show only the collection's type name.
    protected override bool PrintMembers(StringBuilder builder)
    {
        if (base.PrintMembers(builder))
        {
            builder.Append(", ");
        }

        builder.Append("Items = [").AppendJoin(", ", Items).Append(']');
        return true;
    }
}
