using System.Text;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>
/// Seeded generator of valid structures: every value it makes must serialize, and parse back equal.
/// Strings use the chars our parser accepts (printable ASCII and anything from U+0080 up).
/// </summary>
internal sealed class RandomStructuredFields(int seed)
{
    private const long MaxInteger = 999_999_999_999_999;
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string TokenChars = Lower + Upper + Digits + "!#$%&'*+-.^_`|~:/";

    private static readonly string[] NonAscii =
        ["\u00fc", "\u00df", "\u20ac", "\u65e5", "\U0001F600", "\u0080", "\uffff"];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public SfDictionary Dictionary()
    {
        var count = _random.Next(7);
        var members = new List<KeyValuePair<string, SfMember>>(count);
        for (var i = 0; i < count; i++)
        {
            members.Add(KeyValuePair.Create(Key(dictionary: true), Member()));
        }

        return new SfDictionary(members);
    }

    public SfMember[] List()
    {
        var members = new SfMember[_random.Next(6)];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = Member();
        }

        return members;
    }

    public SfMember Member() => _random.Next(4) == 0 ? InnerList() : Item();

    public SfItem Item() => new(BareItem(), Parameters());

    public SfBareItem BareItem() => _random.Next(9) switch
    {
        0 => new SfInteger(Integer()),
        1 => new SfDecimal(Decimal()),
        2 => new SfString(Text(printableOnly: true)),
        3 => new SfToken(Token()),
        4 => new SfByteSequence(Bytes()),
        5 => new SfBoolean(_random.Next(2) == 0),
        6 => new SfDate(Integer()),
        7 => new SfDisplayString(Text(printableOnly: false)),
        _ => new SfBoolean(true),
    };

    private SfInnerList InnerList()
    {
        var items = new SfItem[_random.Next(5)];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Item();
        }

        return new SfInnerList(items, Parameters());
    }

    private SfParameters Parameters()
    {
        var count = _random.Next(4);
        if (count == 0)
        {
            return SfParameters.Empty;
        }

        var entries = new List<KeyValuePair<string, SfBareItem>>(count);
        for (var i = 0; i < count; i++)
        {
            entries.Add(KeyValuePair.Create(Key(dictionary: false), BareItem()));
        }

        return new SfParameters(entries);
    }

    private long Integer()
    {
        var magnitude = _random.Next(3) switch
        {
            0 => _random.Next(100),
            1 => _random.NextInt64(1_000_000_000),
            _ => _random.NextInt64(MaxInteger + 1),
        };
        return _random.Next(2) == 0 ? magnitude : -magnitude;
    }

    private decimal Decimal()
    {
        var integerDigits = _random.Next(13);
        var integerPart = integerDigits == 0 ? 0 : _random.NextInt64((long)Math.Pow(10, integerDigits));
        var value = integerPart + (_random.Next(1000) / 1000m);
        return _random.Next(2) == 0 ? value : -value;
    }

    private string Key(bool dictionary)
    {
        var first = dictionary ? Lower + Upper + Digits + "*%_-" : Lower + Upper + "*";
        var rest = dictionary ? Lower + Upper + Digits + "_-.*%" : Lower + Upper + Digits + "_-.*";
        var key = new StringBuilder().Append(Pick(first));
        for (var length = _random.Next(6); length > 0; length--)
        {
            key.Append(Pick(rest));
        }

        return key.ToString();
    }

    private string Token()
    {
        var token = new StringBuilder().Append(Pick(Lower + Upper + "*"));
        for (var length = _random.Next(8); length > 0; length--)
        {
            token.Append(Pick(TokenChars));
        }

        return token.ToString();
    }

    private string Text(bool printableOnly)
    {
        var text = new StringBuilder();
        for (var length = _random.Next(12); length > 0; length--)
        {
            switch (_random.Next(6))
            {
                case 0:
                    text.Append(NonAscii[_random.Next(NonAscii.Length)]);
                    break;
                case 1:
                    text.Append(Pick("\"\\%"));
                    break;
                case 2 when !printableOnly:
                    text.Append((char)_random.Next(0x20));
                    break;
                default:
                    text.Append((char)_random.Next(0x20, 0x7F));
                    break;
            }
        }

        return text.ToString();
    }

    private byte[] Bytes()
    {
        var bytes = new byte[_random.Next(40)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private char Pick(string chars) => chars[_random.Next(chars.Length)];
}
