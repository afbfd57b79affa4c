using System.Text;

namespace HyperBeam.Core.Messages;

/// <summary>
/// A value inside an AO-Core message: binary, integer, float, atom (booleans included), list or nested message.
/// Values are immutable and compare by content.
/// </summary>
public abstract class AoValue : IEquatable<AoValue>
{
    private protected AoValue() { }

    /// <summary>The type name recorded in <c>ao-types</c>; binaries and messages have none.</summary>
    public abstract string TypeName { get; }

    public abstract bool Equals(AoValue? other);

    public sealed override bool Equals(object? obj) => obj is AoValue v && Equals(v);

    public abstract override int GetHashCode();

    public static implicit operator AoValue(string text) => AoBinary.FromString(text);
    public static implicit operator AoValue(byte[] bytes) => new AoBinary(bytes);
    public static implicit operator AoValue(long value) => new AoInteger(value);
    public static implicit operator AoValue(int value) => new AoInteger(value);
    public static implicit operator AoValue(double value) => new AoFloat(value);
    public static implicit operator AoValue(bool value) => value ? AoAtom.True : AoAtom.False;

    /// <summary>Converts a plain CLR value (string, byte[], integers, double, bool, lists, dictionaries) into a value.</summary>
    public static AoValue From(object? value) => value switch
    {
        null => AoAtom.Null,
        AoValue v => v,
        string s => AoBinary.FromString(s),
        byte[] b => new AoBinary(b),
        bool b => b ? AoAtom.True : AoAtom.False,
        int i => new AoInteger(i),
        long l => new AoInteger(l),
        double d => new AoFloat(d),
        float f => new AoFloat(f),
        IEnumerable<KeyValuePair<string, object?>> map => Message.From(map),
        System.Collections.IEnumerable items => new AoList(items.Cast<object?>().Select(From)),
        _ => throw new ArgumentException($"no AO-Core value for a {value.GetType().Name}", nameof(value)),
    };

    /// <summary>A short, human-readable rendering for logs and error messages.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Render(sb, depth: 0);
        return sb.ToString();
    }

    internal abstract void Render(StringBuilder sb, int depth);
}
