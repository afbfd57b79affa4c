using System.Globalization;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Nodes;

/// <summary>
/// The one reader of the node message's options, for every layer (devices, the HTTP pipeline, processes).
/// HyperBEAM's options are Erlang atoms with underscores (<c>route_owners</c>); a node message written as AO-Core keys
/// uses dashes (<c>route-owners</c>). Both spellings are accepted, whichever one the caller names.
/// </summary>
public static class NodeMessageOptions
{
    /// <summary>The option under <paramref name="name"/> as given, else under its other spelling (dashes ⇄ underscores).</summary>
    public static AoValue? Get(Message node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Get(name) ?? node.Get(OtherSpelling(name));
    }

    public static string? GetText(Message node, string name) => (Get(node, name) as AoBinary)?.Text;

    /// <summary>A list option given as a list, a numbered message (<c>1..n</c>) or a single value.</summary>
    public static IReadOnlyList<AoValue> GetList(Message node, string name) => AsList(Get(node, name));

    public static IReadOnlyList<AoValue> AsList(AoValue? value) => value switch
    {
        null => [],
        AoList list => list,
        Message m when m.Keys.All(k => int.TryParse(k, out _)) && !m.IsEmpty =>
            m.Entries.ToArray().OrderBy(e => int.Parse(e.Key, CultureInfo.InvariantCulture)).Select(e => e.Value).ToList(),
        _ => [value],
    };

    /// <summary>A flag that is on only when set so: the atom <c>true</c>, the text <c>true</c> or <c>1</c>, a non-zero integer.</summary>
    public static bool IsOn(Message node, string name) => Get(node, name) switch
    {
        AoAtom a => a.AsBoolean == true,
        AoBinary b => b.Text is "true" or "1",
        AoInteger i => i.Value != 0,
        _ => false,
    };

    /// <summary>A flag that is on unless set off: only the atom or text <c>false</c> turns it off.</summary>
    public static bool IsNotOff(Message node, string name) => Get(node, name) switch
    {
        AoAtom a => a.AsBoolean != false,
        AoBinary b => b.Text != "false",
        _ => true,
    };

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/> (an integer, or its decimal text);
    /// <paramref name="fallback"/> when unset. Anything else throws <see cref="ArgumentException"/> naming the key,
    /// the value and what is allowed.
    /// </summary>
    public static long GetInteger(Message node, string name, long fallback, long min, long max)
    {
        var raw = Get(node, name);
        long? value = raw switch
        {
            null => fallback,
            AoInteger i => i.Value,
            AoBinary b when long.TryParse(b.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (value is { } v && v >= min && v <= max) return v;
        throw new ArgumentException($"{name} = '{raw}' is not allowed: it must be a whole number from {min} to {max}");
    }

    private static string OtherSpelling(string name) =>
        name.Contains('-', StringComparison.Ordinal) ? name.Replace('-', '_') : name.Replace('_', '-');
}
