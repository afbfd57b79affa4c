using HyperBeam.Codecs.Ans104;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>Valid items to break: every field present, so every parsing step is reached.</summary>
internal static class SampleItems
{
    public static DataItem Full() => DataItem.Create(
        "some data bytes"u8.ToArray(),
        [DataItemTag.Of("Content-Type", "text/plain"), DataItemTag.Of("k", ""), DataItemTag.Of("ünï", "☃")],
        Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
        Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    /// <summary>The offset where an item's data begins: after the header, target, anchor and tags.</summary>
    public static int DataOffset(DataItem item) => item.Serialize().Length - item.Data.Length;
}
