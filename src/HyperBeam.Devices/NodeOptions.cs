using HyperBeam.Core.Messages;

namespace HyperBeam.Devices;

/// <summary>
/// Reads the node message's options. HyperBEAM's options are Erlang atoms with underscores (<c>route_owners</c>);
/// a node message written as AO-Core keys uses dashes (<c>route-owners</c>). Both spellings are accepted.
/// </summary>
internal static class NodeOptions
{
    public static AoValue? Get(Message node, string dashedName) =>
        node.Get(dashedName) ?? node.Get(dashedName.Replace('-', '_'));

    public static string? GetText(Message node, string dashedName) => (Get(node, dashedName) as AoBinary)?.Text;

    /// <summary>A list option given as a list, a numbered message (<c>1..n</c>) or a single value.</summary>
    public static IReadOnlyList<AoValue> GetList(Message node, string dashedName) => AsList(Get(node, dashedName));

    public static IReadOnlyList<AoValue> AsList(AoValue? value) => value switch
    {
        null => [],
        AoList list => list,
        Message m when m.Keys.All(k => int.TryParse(k, out _)) && !m.IsEmpty =>
            m.Entries.ToArray().OrderBy(e => int.Parse(e.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Value).ToList(),
        _ => [value],
    };
}
