using System.Buffers.Binary;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>Bundles: count, 64-byte headers (size, ID), items; ANS-104's little-endian and HyperBEAM's big-endian.</summary>
public class BundleTests(TestWallet fixture) : IClassFixture<TestWallet>
{
    private static readonly DataItem[] Items =
    [
        SampleItems.Full(),
        DataItem.Create("second"u8.ToArray(), [DataItemTag.Of("n", "2")]),
        DataItem.Create(default),
    ];

    [Fact]
    public void Items_round_trip_under_their_ids()
    {
        var entries = Bundle.Deserialize(Bundle.Serialize(Items));

        Assert.Equal(Items, entries.Select(e => e.Item));
        Assert.All(entries, e => Assert.Equal(e.Item.NativeId, e.Id.ToArray()));
    }

    [Fact]
    public void Signed_items_still_verify_after_bundling()
    {
        var signed = Items.Select(i => i.Sign(fixture.Wallet)).ToList();
        var entries = Bundle.Deserialize(Bundle.Serialize(signed));

        Assert.All(entries, e => Assert.True(e.Item.Verify()));
        Assert.Equal(signed.Select(i => i.Id), entries.Select(e => e.Item.Id));
    }

    [Fact]
    public void An_empty_bundle_is_32_zero_bytes()
    {
        Assert.Equal(new byte[32], Bundle.Serialize([]));
        Assert.Empty(Bundle.Deserialize(new byte[32]));
    }

    [Fact]
    public void ANS104_numbers_are_little_endian_and_HyperBEAMs_big_endian()
    {
        var entries = Items.Select(i => new BundleEntry(i.NativeId, i)).ToList();
        var ans104 = Bundle.Serialize(entries, BundleFormat.Ans104);
        var hyperbeam = Bundle.Serialize(entries, BundleFormat.HyperBeam);

        Assert.Equal(3, ans104[0]);
        Assert.Equal(3, hyperbeam[31]);
        Assert.Equal(ans104[(32 + 64 * 3)..], hyperbeam[(32 + 64 * 3)..]);
        Assert.Equal(entries, Bundle.Deserialize(hyperbeam, BundleFormat.HyperBeam));
        Assert.Throws<CodecException>(() => Bundle.Deserialize(ans104, BundleFormat.HyperBeam));
    }

    [Fact]
    public void HyperBEAMs_nested_bundles_list_items_under_their_unsigned_ids()
    {
        var codec = VectorFile.Vectors(Ans104Vectors.File).GetProperty("codec").EnumerateArray().First(v => v.GetProperty("name").GetString() == "nested_map");
        var data = TypedJson.ToBytes(codec.GetProperty("output").GetProperty("tx_data"));
        var entries = Bundle.Deserialize(data, BundleFormat.HyperBeam);

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(e.Item.ComputeUnsignedNativeId(), e.Id.ToArray()));
        Assert.Equal(data, Bundle.Serialize(entries, BundleFormat.HyperBeam));
    }

    [Fact]
    public void Truncating_a_bundle_anywhere_is_an_error()
    {
        var bytes = Bundle.Serialize(Items);
        for (var length = 0; length < bytes.Length; length++)
        {
            var at = length;
            var e = Record.Exception(() => Bundle.Deserialize(bytes.AsMemory(0, at)));
            Assert.True(e is CodecException, $"truncated to {at} bytes: {e?.GetType().Name ?? "no exception"}");
        }
    }

    [Fact]
    public void Counts_and_sizes_that_do_not_fit_are_errors()
    {
        var bytes = Bundle.Serialize(Items);

        var count = (byte[])bytes.Clone();
        count[0] = 200;
        Assert.Contains("room for at most", Assert.Throws<CodecException>(() => Bundle.Deserialize(count)).Message);

        var huge = (byte[])bytes.Clone();
        huge[31] = 1;
        Assert.Contains("larger than", Assert.Throws<CodecException>(() => Bundle.Deserialize(huge)).Message);

        var size = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(size.AsSpan(32), int.MaxValue);
        Assert.Contains("item 1 claims", Assert.Throws<CodecException>(() => Bundle.Deserialize(size)).Message);

        Assert.Contains("after the last item", Assert.Throws<CodecException>(() => Bundle.Deserialize((byte[])[.. bytes, 0])).Message);
    }

    [Fact]
    public void A_broken_item_is_named_by_its_position()
    {
        var bytes = Bundle.Serialize(Items);
        var secondItemStart = 32 + 64 * 3 + Items[0].Serialize().Length;
        bytes[secondItemStart] = 9; // signature type 9
        Assert.Contains("item 2: ans104 data item: unsupported signature type 9", Assert.Throws<CodecException>(() => Bundle.Deserialize(bytes)).Message);
    }

    [Fact]
    public void Header_ids_must_be_32_bytes()
    {
        var entry = new BundleEntry(new byte[31], Items[0]);
        Assert.Throws<CodecException>(() => Bundle.Serialize([entry], BundleFormat.Ans104));
    }
}
