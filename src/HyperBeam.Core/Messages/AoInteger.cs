using System.Globalization;
using System.Text;

namespace HyperBeam.Core.Messages;

/// <summary>An integer value (64-bit; structured fields allow at most 15 digits on the wire).</summary>
public sealed class AoInteger(long value) : AoValue
{
    public long Value { get; } = value;

    public override string TypeName => "integer";

    public override bool Equals(AoValue? other) => other is AoInteger i && i.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    internal override void Render(StringBuilder sb, int depth) => sb.Append(Value.ToString(CultureInfo.InvariantCulture));
}
