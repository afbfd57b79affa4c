using System.Diagnostics.CodeAnalysis;

namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// The RFC 8941 section 4.2 parsing algorithms over a span. Every Read method returns false and records
/// the reason and offset instead of throwing, so the Try* entry points never pay for exceptions.
/// Bare items live in SfReader.BareItems.cs.
/// </summary>
internal ref partial struct SfReader
{
    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    public SfReader(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = 0;
    }

    public string? Error { get; private set; }

    public int ErrorOffset { get; private set; }

    public string ErrorMessage => StructuredFieldException.FormatParseMessage(Error ?? "unknown error", ErrorOffset);

    public StructuredFieldException ToException() => new(Error ?? "unknown error", ErrorOffset);

    public bool TryReadItemField([NotNullWhen(true)] out SfItem? item)
    {
        SkipSpaces();
        if (!TryReadItem(out item))
        {
            return false;
        }

        SkipSpaces();
        if (AtEnd)
        {
            return true;
        }

        item = null;
        return FailExpected("end of input after the item");
    }

    public bool TryReadListField([NotNullWhen(true)] out SfMember[]? members)
    {
        members = null;
        SkipSpaces();
        var list = new List<SfMember>();
        while (!AtEnd)
        {
            if (!TryReadItemOrInnerList(out var member))
            {
                return false;
            }

            list.Add(member);
            if (!TryReadMemberSeparator("list"))
            {
                return false;
            }
        }

        // The separator step consumed any trailing whitespace, so the loop only ends at the end of input.
        members = list.ToArray();
        return true;
    }

    public bool TryReadDictionaryField([NotNullWhen(true)] out SfDictionary? dictionary)
    {
        dictionary = null;
        SkipSpaces();
        var entries = new KeyedEntries<SfMember>();
        while (!AtEnd)
        {
            if (!TryReadKey(SfKeyKind.Dictionary, out var key))
            {
                return false;
            }

            SfMember member;
            if (Peek() == '=')
            {
                _pos++;
                if (!TryReadItemOrInnerList(out var value))
                {
                    return false;
                }

                member = value;
            }
            else
            {
                // A bare key is boolean true, possibly with parameters.
                if (!TryReadParameters(out var parameters))
                {
                    return false;
                }

                member = new SfItem(SfBoolean.True, parameters);
            }

            entries.Set(key, member);
            if (!TryReadMemberSeparator("dictionary"))
            {
                return false;
            }
        }

        dictionary = new SfDictionary(entries);
        return true;
    }

    private readonly bool AtEnd => _pos >= _text.Length;

    // '\0' stands for end of input; a real NUL is invalid everywhere, so it cannot be mistaken for a match.
    private readonly char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private bool Fail(string reason) => Fail(reason, _pos);

    private bool Fail(string reason, int offset)
    {
        Error = reason;
        ErrorOffset = offset;
        return false;
    }

    /// <summary>"expected X, found 'c'" for the current position.</summary>
    private bool FailExpected(string expected) => Fail($"expected {expected}, found {Describe()}");

    private readonly string Describe()
    {
        if (AtEnd)
        {
            return "end of input";
        }

        var c = _text[_pos];
        return c is >= ' ' and < (char)0x7F ? $"'{c}'" : $"U+{(int)c:X4}";
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }
    }

    private void SkipOptionalWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    /// <summary>The OWS "," OWS between list or dictionary members; the end of input is also fine.</summary>
    private bool TryReadMemberSeparator(string container)
    {
        SkipOptionalWhitespace();
        if (AtEnd)
        {
            return true;
        }

        if (_text[_pos] != ',')
        {
            return FailExpected($"',' between {container} members");
        }

        _pos++;
        SkipOptionalWhitespace();
        return !AtEnd || Fail($"trailing ',' at the end of the {container}");
    }

    private bool TryReadItemOrInnerList([NotNullWhen(true)] out SfMember? member)
    {
        if (Peek() == '(')
        {
            var ok = TryReadInnerList(out var innerList);
            member = innerList;
            return ok;
        }

        var read = TryReadItem(out var item);
        member = item;
        return read;
    }

    private bool TryReadInnerList([NotNullWhen(true)] out SfInnerList? innerList)
    {
        innerList = null;
        _pos++; // '('
        List<SfItem>? items = null;
        while (true)
        {
            SkipSpaces();
            if (AtEnd)
            {
                return Fail("unterminated inner list, expected ')'");
            }

            if (_text[_pos] == ')')
            {
                _pos++;
                if (!TryReadParameters(out var parameters))
                {
                    return false;
                }

                innerList = new SfInnerList(items is null ? [] : items.ToArray(), parameters);
                return true;
            }

            if (!TryReadItem(out var item))
            {
                return false;
            }

            (items ??= []).Add(item);
            if (AtEnd)
            {
                return Fail("unterminated inner list, expected ')'");
            }

            if (_text[_pos] is not (' ' or ')'))
            {
                return FailExpected("' ' or ')' after an inner list item");
            }
        }
    }

    private bool TryReadItem([NotNullWhen(true)] out SfItem? item)
    {
        item = null;
        if (!TryReadBareItem(out var bareItem) || !TryReadParameters(out var parameters))
        {
            return false;
        }

        item = new SfItem(bareItem, parameters);
        return true;
    }

    private bool TryReadParameters(out SfParameters parameters)
    {
        parameters = SfParameters.Empty;
        KeyedEntries<SfBareItem>? entries = null;
        while (Peek() == ';')
        {
            _pos++;
            SkipSpaces();
            if (!TryReadKey(SfKeyKind.Parameter, out var key))
            {
                return false;
            }

            SfBareItem value = SfBoolean.True;
            if (Peek() == '=')
            {
                _pos++;
                if (!TryReadBareItem(out var bareItem))
                {
                    return false;
                }

                value = bareItem;
            }

            (entries ??= new KeyedEntries<SfBareItem>()).Set(key, value);
        }

        if (entries is not null)
        {
            parameters = new SfParameters(entries);
        }

        return true;
    }

    private bool TryReadKey(SfKeyKind kind, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (AtEnd || !SfCharacters.IsKeyStart(_text[_pos], kind))
        {
            return FailExpected(kind == SfKeyKind.Dictionary ? "a dictionary key" : "a parameter key");
        }

        var start = _pos;
        _pos += 1 + SfCharacters.KeyCharRun(_text[(_pos + 1)..], kind);
        key = new string(_text[start.._pos]);
        return true;
    }
}
