using HyperBeam.Codecs.Ans104;

namespace HyperBeam.Tests.Shared;

/// <summary>Unsigned data items in the tag layouts clients send: the codec writes none of them itself.</summary>
public static class ItemLayouts
{
    public static readonly string[] Names =
    [
        "unsorted-lower-case", "mixed-case", "duplicate-names", "3-kb-value", "empty-data", "binary-data",
        "target-and-anchor", "empty-tag-value", "aoconnect-like",
    ];

    public static DataItem Build(string layout, byte[] target, byte[] anchor) => layout switch
    {
        "unsorted-lower-case" => DataItem.Create("d"u8.ToArray(), [Tag("zeta", "1"), Tag("action", "Eval"), Tag("data-protocol", "ao")]),
        "mixed-case" => DataItem.Create("d"u8.ToArray(), [Tag("Action", "Eval"), Tag("Data-Protocol", "ao"), Tag("variant", "ao.TN.1")]),
        "duplicate-names" => DataItem.Create("d"u8.ToArray(), [Tag("action", "Eval"), Tag("Ref", "1"), Tag("ref", "2"), Tag("Ref", "3")]),
        "3-kb-value" => DataItem.Create("d"u8.ToArray(), [Tag("action", "Eval"), Tag("long", new string('x', DataItemLimits.MaxTagValueBytes))]),
        "empty-data" => DataItem.Create(default, [Tag("b", "2"), Tag("action", "Eval")]),
        "binary-data" => DataItem.Create(new byte[] { 0, 0xFF, 0xFE, 1, 2, 0x80 }, [Tag("action", "Eval"), Tag("content-type", "application/octet-stream")]),
        "target-and-anchor" => DataItem.Create("d"u8.ToArray(), [Tag("Action", "Eval")], target, anchor),
        "empty-tag-value" => DataItem.Create("d"u8.ToArray(), [Tag("action", "Eval"), Tag("empty", "")]),
        "aoconnect-like" => DataItem.Create("return 1"u8.ToArray(),
            [Tag("Data-Protocol", "ao"), Tag("Variant", "ao.TN.1"), Tag("Type", "Message"), Tag("Action", "Eval"),
             Tag("SDK", "aoconnect"), Tag("signing-format", "ANS-104"), Tag("accept-bundle", "true"), Tag("Content-Type", "text/plain")],
            target, default),
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown layout"),
    };

    private static DataItemTag Tag(string name, string value) => DataItemTag.Of(name, value);
}
