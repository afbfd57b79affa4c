using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>
/// Seeded fuzzing: random bytes and mutations of valid items (plain, signed, HyperBEAM nested bundles) never make
/// the reader, the message decoder or the verifier throw anything but <see cref="CodecException"/>.
/// </summary>
public class Ans104FuzzTests
{
    private const int Iterations = 3000;

    private static readonly byte[][] Seeds =
    [
        SampleItems.Full().Serialize(),
        .. VectorFile.Rows(Ans104Vectors.File, "codec").Select(r => Ans104Vectors.Base64(((VectorCase)r[0]).Data.GetProperty("output"), "serialized_b64")),
        .. VectorFile.Rows(Ans104Vectors.File, "signed_items").Select(r => Ans104Vectors.Base64(((VectorCase)r[0]).Data.GetProperty("output"), "serialized_signed_b64")),
    ];

    [Fact]
    public void Random_bytes_only_ever_raise_CodecException()
    {
        var random = new Random(104);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = new byte[random.Next(0, 2 * DataItemLimits.MinItemBytes)];
            random.NextBytes(bytes);
            if (random.Next(2) == 0 && bytes.Length >= 2) { bytes[0] = 1; bytes[1] = 0; } // get past the type check often
            Exercise(bytes, $"random #{i}");
        }
    }

    [Fact]
    public void Mutated_items_only_ever_raise_CodecException()
    {
        var random = new Random(4104);
        for (var i = 0; i < Iterations; i++)
        {
            var seed = Seeds[random.Next(Seeds.Length)];
            Exercise(Mutate(seed, random), $"mutation #{i}");
        }
    }

    [Fact]
    public void Mutated_bundles_only_ever_raise_CodecException()
    {
        var random = new Random(14);
        var bundle = Bundle.Serialize([SampleItems.Full(), DataItem.Create("x"u8.ToArray())]);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = Mutate(bundle, random);
            foreach (var format in new[] { BundleFormat.Ans104, BundleFormat.HyperBeam })
            {
                var e = Record.Exception(() => Bundle.Deserialize(bytes, format));
                Assert.True(e is null or CodecException, $"bundle mutation #{i} ({format}): {e}");
            }
        }
    }

    private static void Exercise(byte[] bytes, string label)
    {
        var e = Record.Exception(() =>
        {
            var item = DataItem.Deserialize(bytes);
            Assert.Equal(bytes, item.Serialize());
            Ans104Codec.FromItem(item);
            // A signature check costs a modular exponentiation; a sample of them is enough.
            if (bytes.Length % 8 == 0) item.Verify();
        });
        Assert.True(e is null or CodecException, $"{label}: {e}");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Length > 0; m++)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(6))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes = bytes[..at]; break;
                case 3: bytes = [.. bytes[..at], (byte)random.Next(256), .. bytes[at..]]; break;
                case 4: bytes = [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + random.Next(1, 64))..]]; break;
                default:
                    // Overwrite a run inside the header or tags, where the lengths and counts live.
                    var start = random.Next(Math.Min(bytes.Length, 1200));
                    for (var j = start; j < Math.Min(bytes.Length, start + random.Next(1, 9)); j++) bytes[j] = (byte)random.Next(256);
                    break;
            }
        }
        return bytes;
    }
}
