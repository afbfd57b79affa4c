using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace HyperBeam.Core.StructuredFields;

/// <summary>Bare item parsing: RFC 8941 sections 4.2.4-4.2.8 and RFC 9651 sections 4.2.9-4.2.10.</summary>
internal ref partial struct SfReader
{
    private const int MaxIntegerDigits = 15;
    private const int MaxDecimalIntegerDigits = 12;
    private const int MaxDecimalFractionDigits = 3;
    private const int MaxDecimalDigits = MaxDecimalIntegerDigits + MaxDecimalFractionDigits;

    private bool TryReadBareItem([NotNullWhen(true)] out SfBareItem? bareItem)
    {
        bareItem = null;
        var c = Peek();
        switch (c)
        {
            case '-':
            case >= '0' and <= '9':
                return TryReadNumber(out bareItem);
            case '"':
                return TryReadString(out bareItem);
            case ':':
                return TryReadByteSequence(out bareItem);
            case '?':
                return TryReadBoolean(out bareItem);
            case '@':
                return TryReadDate(out bareItem);
            case '%':
                return TryReadDisplayString(out bareItem);
            default:
                if (!AtEnd && SfCharacters.IsTokenStart(c))
                {
                    return TryReadToken(out bareItem);
                }

                return FailExpected(
                    "a bare item (integer, decimal, string, token, byte sequence, boolean, date or display string)");
        }
    }

    private bool TryReadNumber([NotNullWhen(true)] out SfBareItem? number)
    {
        number = null;
        if (!TryReadNumberParts(out var magnitude, out var negative, out var fractionDigits))
        {
            return false;
        }

        // The scale keeps the digits as written (1.50 stays 1.50); equality is numeric anyway.
        number = fractionDigits < 0
            ? new SfInteger(negative ? -magnitude : magnitude)
            : new SfDecimal(new decimal(
                lo: (int)(uint)magnitude,
                mid: (int)(uint)(magnitude >> 32),
                hi: 0,
                isNegative: negative,
                scale: (byte)fractionDigits));
        return true;
    }

    /// <summary>
    /// Reads the digits of an sf-integer or sf-decimal. <paramref name="fractionDigits"/> is -1 for an
    /// integer; otherwise <paramref name="magnitude"/> holds all digits without the point (at most 15,
    /// so it fits a long and a decimal's 96-bit mantissa).
    /// </summary>
    private bool TryReadNumberParts(out long magnitude, out bool negative, out int fractionDigits)
    {
        magnitude = 0;
        fractionDigits = -1;
        negative = Peek() == '-';
        if (negative)
        {
            _pos++;
        }

        if (AtEnd || !SfCharacters.IsDigit(_text[_pos]))
        {
            return FailExpected(negative ? "a digit after '-'" : "a digit");
        }

        var digits = 0;
        var integerDigits = -1;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (SfCharacters.IsDigit(c))
            {
                if (integerDigits < 0 && digits == MaxIntegerDigits)
                {
                    return Fail($"an integer has at most {MaxIntegerDigits} digits");
                }

                if (integerDigits >= 0 && digits == MaxDecimalDigits)
                {
                    return Fail($"a decimal has at most {MaxDecimalDigits} digits");
                }

                magnitude = (magnitude * 10) + (c - '0');
                digits++;
            }
            else if (c == '.' && integerDigits < 0)
            {
                if (digits > MaxDecimalIntegerDigits)
                {
                    return Fail($"a decimal has at most {MaxDecimalIntegerDigits} integer digits");
                }

                integerDigits = digits;
            }
            else
            {
                break;
            }

            _pos++;
        }

        if (integerDigits < 0)
        {
            return true;
        }

        fractionDigits = digits - integerDigits;
        if (fractionDigits == 0)
        {
            return FailExpected("a digit after the decimal point");
        }

        var firstExcessDigit = _pos - fractionDigits + MaxDecimalFractionDigits;
        return fractionDigits <= MaxDecimalFractionDigits
            || Fail($"a decimal has at most {MaxDecimalFractionDigits} fraction digits", firstExcessDigit);
    }

    private bool TryReadString([NotNullWhen(true)] out SfBareItem? value)
    {
        value = null;
        var open = _pos;
        _pos++;
        StringBuilder? unescaped = null;
        while (true)
        {
            var run = SfCharacters.IndexOfStringRunStop(_text[_pos..]);
            if (run < 0)
            {
                return Fail("unterminated string, expected '\"'", open);
            }

            var plain = _text.Slice(_pos, run);
            _pos += run;
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                value = new SfString(unescaped is null ? new string(plain) : unescaped.Append(plain).ToString());
                return true;
            }

            if (c != '\\')
            {
                return Fail($"a string cannot contain U+{(int)c:X4}");
            }

            var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
            if (next is not ('"' or '\\'))
            {
                _pos++;
                return FailExpected("'\"' or '\\' after '\\' in a string");
            }

            (unescaped ??= new StringBuilder()).Append(plain).Append(next);
            _pos += 2;
        }
    }

    private bool TryReadToken([NotNullWhen(true)] out SfBareItem? token)
    {
        var start = _pos;
        _pos += 1 + SfCharacters.TokenCharRun(_text[(_pos + 1)..]);

        token = new SfToken(new string(_text[start.._pos]));
        return true;
    }

    private bool TryReadByteSequence([NotNullWhen(true)] out SfBareItem? bytes)
    {
        bytes = null;
        var start = ++_pos; // past the opening colon
        var length = _text[start..].IndexOf(':');
        if (length < 0)
        {
            return Fail("unterminated byte sequence, expected ':'", start - 1);
        }

        var content = _text.Slice(start, length);
        var invalid = SfCharacters.IndexOfNonBase64(content);
        if (invalid >= 0)
        {
            _pos = start + invalid;
            return FailExpected("a base64 character in a byte sequence");
        }

        if (!TryDecodeBase64(content, out var decoded))
        {
            return Fail("invalid base64 in byte sequence", start);
        }

        _pos = start + length + 1;
        bytes = new SfByteSequence(decoded);
        return true;
    }

    // RFC 8941 4.2.7 lets parsers synthesize missing padding; HyperBEAM's decoder (OTP base64) does too.
    private static bool TryDecodeBase64(ReadOnlySpan<char> content, [NotNullWhen(true)] out byte[]? decoded)
    {
        decoded = null;
        var missing = (4 - (content.Length % 4)) % 4;
        if (missing == 3)
        {
            return false;
        }

        char[]? rented = null;
        var padded = content;
        if (missing > 0)
        {
            rented = ArrayPool<char>.Shared.Rent(content.Length + missing);
            content.CopyTo(rented);
            rented.AsSpan(content.Length, missing).Fill('=');
            padded = rented.AsSpan(0, content.Length + missing);
        }

        try
        {
            var buffer = new byte[padded.Length / 4 * 3];
            if (!Convert.TryFromBase64Chars(padded, buffer, out var written))
            {
                return false;
            }

            decoded = written == buffer.Length ? buffer : buffer[..written];
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private bool TryReadBoolean([NotNullWhen(true)] out SfBareItem? boolean)
    {
        boolean = null;
        _pos++; // '?'
        switch (Peek())
        {
            case '1':
                boolean = SfBoolean.True;
                break;
            case '0':
                boolean = SfBoolean.False;
                break;
            default:
                return FailExpected("'0' or '1' after '?'");
        }

        _pos++;
        return true;
    }

    private bool TryReadDate([NotNullWhen(true)] out SfBareItem? date)
    {
        date = null;
        _pos++; // '@'
        var start = _pos;
        if (!TryReadNumberParts(out var magnitude, out var negative, out var fractionDigits))
        {
            return false;
        }

        if (fractionDigits >= 0)
        {
            return Fail("a date must be an integer", start);
        }

        date = new SfDate(negative ? -magnitude : magnitude);
        return true;
    }

    private bool TryReadDisplayString([NotNullWhen(true)] out SfBareItem? displayString)
    {
        displayString = null;
        var start = _pos;
        _pos++; // '%'
        if (Peek() != '"')
        {
            return FailExpected("'\"' after '%' to start a display string");
        }

        _pos++;

        // Every input char yields at most one byte, so the rest of the input bounds the buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(_text.Length - _pos);
        try
        {
            var count = 0;
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c is < ' ' or > '~')
                {
                    return Fail($"a display string cannot contain U+{(int)c:X4}");
                }

                if (c == '"')
                {
                    _pos++;
                    var utf8 = buffer.AsSpan(0, count);
                    if (!Utf8.IsValid(utf8))
                    {
                        return Fail("a display string must be percent-encoded valid UTF-8", start);
                    }

                    displayString = new SfDisplayString(Encoding.UTF8.GetString(utf8));
                    return true;
                }

                if (c == '%')
                {
                    if (_pos + 2 >= _text.Length
                        || !SfCharacters.IsLowerHex(_text[_pos + 1])
                        || !SfCharacters.IsLowerHex(_text[_pos + 2]))
                    {
                        _pos++;
                        return Fail("expected two lowercase hex digits after '%' in a display string");
                    }

                    buffer[count++] = (byte)((HexValue(_text[_pos + 1]) << 4) | HexValue(_text[_pos + 2]));
                    _pos += 3;
                    continue;
                }

                buffer[count++] = (byte)c;
                _pos++;
            }

            return Fail("unterminated display string, expected '\"'", start);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : c - 'a' + 10;
}
