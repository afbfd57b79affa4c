using System.Text;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>
/// Random and mutated text: every parser either succeeds or throws <see cref="StructuredFieldException"/>,
/// the Try* variants agree with it, and whatever parses serializes and parses back to the same value.
/// </summary>
public class ParserRobustnessTests
{
    private const int Iterations = 4000;

    // Characters that steer the grammar, plus ones that must be rejected or handled leniently.
    private static readonly string[] Alphabet =
    [
        "a", "z", "A", "Q", "0", "1", "9", "-", ".", "*", "_", "%", ":", "/", "\"", "\\", "(", ")", ";", "=", ",",
        "?", "@", "+", "!", " ", " ", "\t", "\n", "\0", "\u007f", "\u00fc", "\U0001F600", "\ud800", "==", "%\"",
        "%c3%bc", "?1", "1.5", "(1 2)", ":AAAA:",
    ];

    public static TheoryData<string> Kinds() => new() { "item", "list", "dictionary" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Random_text_parses_or_throws_StructuredFieldException(string kind)
    {
        var random = new Random(kind.Length * 31);
        for (var i = 0; i < Iterations; i++)
        {
            var text = new StringBuilder();
            for (var length = random.Next(16); length > 0; length--)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            CheckParse(kind, text.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Mutated_valid_fields_parse_or_throw_StructuredFieldException(string kind)
    {
        var structures = new RandomStructuredFields(seed: kind.Length * 17);
        var random = structures.Random;
        for (var i = 0; i < Iterations; i++)
        {
            var valid = kind switch
            {
                "item" => StructuredFieldSerializer.SerializeItem(structures.Item()),
                "list" => StructuredFieldSerializer.SerializeList(structures.List()),
                _ => StructuredFieldSerializer.SerializeDictionary(structures.Dictionary()),
            };

            var text = new StringBuilder(valid);
            for (var mutations = 1 + random.Next(3); mutations > 0; mutations--)
            {
                Mutate(text, random);
            }

            CheckParse(kind, text.ToString());
        }
    }

    private static void Mutate(StringBuilder text, Random random)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(5))
        {
            case 0 when text.Length > 0 && at < text.Length:
                text.Remove(at, 1);
                break;
            case 1 when at < text.Length:
                text[at] = Alphabet[random.Next(Alphabet.Length)][0];
                break;
            case 2:
                text.Length = at;
                break;
            case 3 when text.Length > 0:
                var start = random.Next(text.Length);
                text.Insert(at, text.ToString(start, random.Next(text.Length - start + 1)));
                break;
            default:
                text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                break;
        }
    }

    private static void CheckParse(string kind, string text)
    {
        object? parsed;
        string? expectedError = null;
        try
        {
            parsed = Parse(kind, text);
        }
        catch (StructuredFieldException error)
        {
            parsed = null;
            expectedError = error.Message;
        }
        catch (Exception other)
        {
            Assert.Fail($"{kind} parser threw {other.GetType().Name} for \"{Escape(text)}\": {other}");
            return;
        }

        var (tryOk, tryValue, tryError) = TryParse(kind, text);
        Assert.True(tryOk == (parsed is not null), $"Try{kind} disagrees for \"{Escape(text)}\"");
        Assert.Equal(expectedError, tryError);
        if (parsed is null)
        {
            Assert.Null(tryValue);
            return;
        }

        Assert.True(Same(parsed, tryValue!), $"Try{kind} value differs for \"{Escape(text)}\"");
        var reserialized = Serialize(parsed);
        Assert.True(
            Same(parsed, Parse(kind, reserialized)),
            $"\"{Escape(text)}\" reserialized as \"{Escape(reserialized)}\" parses differently");
    }

    private static object Parse(string kind, string text) => kind switch
    {
        "item" => StructuredFieldParser.ParseItem(text),
        "list" => StructuredFieldParser.ParseList(text),
        _ => StructuredFieldParser.ParseDictionary(text),
    };

    private static (bool Ok, object? Value, string? Error) TryParse(string kind, string text)
    {
        switch (kind)
        {
            case "item":
                return (StructuredFieldParser.TryParseItem(text, out var item, out var itemError), item, itemError);
            case "list":
                return (StructuredFieldParser.TryParseList(text, out var list, out var listError), list, listError);
            default:
                var ok = StructuredFieldParser.TryParseDictionary(text, out var dictionary, out var error);
                return (ok, dictionary, error);
        }
    }

    private static string Serialize(object parsed) => parsed switch
    {
        SfItem item => StructuredFieldSerializer.SerializeItem(item),
        SfDictionary dictionary => StructuredFieldSerializer.SerializeDictionary(dictionary),
        IReadOnlyList<SfMember> list => StructuredFieldSerializer.SerializeList(list),
        _ => throw new InvalidOperationException(parsed.GetType().Name),
    };

    private static bool Same(object left, object right) =>
        left is IReadOnlyList<SfMember> list
            ? list.SequenceEqual((IReadOnlyList<SfMember>)right)
            : left.Equals(right);

    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c is >= ' ' and < (char)0x7F ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return escaped.ToString();
    }
}
