using System.Text;
using HyperBeam.Core.Codecs;

namespace HyperBeam.Codecs.Tests.Shared;

/// <summary>
/// Seeded fuzzing of a decoder: random inputs, half of them built from an alphabet of the format's significant
/// bytes and snippets, and mutations of valid encodings. A decoder may accept or refuse with a
/// <see cref="CodecException"/>; any other exception fails the test, naming the input that caused it.
/// </summary>
public sealed class DecoderFuzzer(int seed, IReadOnlyList<byte[]> validInputs, IReadOnlyList<string> snippets)
{
    private readonly Random _random = new(seed);
    private readonly byte[][] _snippets = snippets.Select(Encoding.UTF8.GetBytes).ToArray();

    public (int Accepted, int Refused) Run(Action<byte[]> decode, int iterations)
    {
        int accepted = 0, refused = 0;
        for (var i = 0; i < iterations; i++)
        {
            var input = i % 2 == 0 ? RandomInput() : Mutate(validInputs[_random.Next(validInputs.Count)]);
            try
            {
                decode(input);
                accepted++;
            }
            catch (CodecException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i} (seed {seed}) threw {e.GetType().Name}, not CodecException, for the input " +
                            $"(base64) {Convert.ToBase64String(input)}:\n{e}");
            }
        }
        return (accepted, refused);
    }

    private byte[] RandomInput()
    {
        var output = new List<byte>();
        var length = _random.Next(0, 160);
        var fromAlphabet = _random.Next(2) == 0;
        while (output.Count < length)
        {
            if (!fromAlphabet) output.Add((byte)_random.Next(256));
            else if (_random.Next(3) == 0) output.Add((byte)_random.Next(256));
            else output.AddRange(_snippets[_random.Next(_snippets.Length)]);
        }
        return output.ToArray();
    }

    private byte[] Mutate(byte[] valid)
    {
        var bytes = new List<byte>(valid);
        var edits = _random.Next(1, 5);
        for (var e = 0; e < edits; e++)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, _snippets[_random.Next(_snippets.Length)]);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, _random.Next(1, 8)));
                    break;
                case 3 when bytes.Count > 0:
                    var length = Math.Min(bytes.Count - at, _random.Next(1, 24));
                    bytes.InsertRange(_random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)_random.Next(256));
                    break;
            }
        }
        return bytes.ToArray();
    }
}
