using System.Text;

namespace HyperBeam.Core.Messages;

/// <summary>A symbolic value; booleans are the atoms <c>true</c> and <c>false</c>, as in Erlang.</summary>
public sealed class AoAtom : AoValue
{
    public static readonly AoAtom True = new("true");
    public static readonly AoAtom False = new("false");
    public static readonly AoAtom Null = new("null");

    public AoAtom(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }

    public override string TypeName => "atom";

    /// <summary>True for the atom <c>true</c>, false for <c>false</c>, null for any other atom.</summary>
    public bool? AsBoolean => Name switch { "true" => true, "false" => false, _ => null };

    public static AoAtom Of(string name) => name switch
    {
        "true" => True,
        "false" => False,
        "null" => Null,
        _ => new AoAtom(name),
    };

    public override bool Equals(AoValue? other) => other is AoAtom a && a.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    internal override void Render(StringBuilder sb, int depth) => sb.Append(Name);
}
