using System.Globalization;
using System.Text;

namespace HyperBeam.Core.Messages;

/// <summary>A floating point value (IEEE double, as Erlang's floats).</summary>
public sealed class AoFloat(double value) : AoValue
{
    public double Value { get; } = value;

    public override string TypeName => "float";

    public override bool Equals(AoValue? other) => other is AoFloat f && f.Value.Equals(Value);

    public override int GetHashCode() => Value.GetHashCode();

    internal override void Render(StringBuilder sb, int depth) => sb.Append(Value.ToString("R", CultureInfo.InvariantCulture));
}
