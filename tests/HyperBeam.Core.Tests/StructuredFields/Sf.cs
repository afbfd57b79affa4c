using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>Terse builders so expected structures in tests read like the field values they describe.</summary>
internal static class Sf
{
    public static SfInteger Int(long value) => new(value);

    public static SfDecimal Dec(decimal value) => new(value);

    public static SfString Str(string value) => new(value);

    public static SfToken Tok(string value) => new(value);

    public static SfByteSequence Bin(string base64) => new(Convert.FromBase64String(base64));

    public static SfBoolean Bool(bool value) => new(value);

    public static SfItem Item(SfBareItem value, params (string Key, SfBareItem Value)[] parameters) =>
        new(value, Params(parameters));

    public static SfInnerList Inner(params SfItem[] items) => new(items);

    public static SfInnerList Inner(SfItem[] items, params (string Key, SfBareItem Value)[] parameters) =>
        new(items, Params(parameters));

    public static SfParameters Params(params (string Key, SfBareItem Value)[] parameters) =>
        new(parameters.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public static SfDictionary Dict(params (string Key, SfMember Member)[] members) =>
        new(members.Select(m => KeyValuePair.Create(m.Key, m.Member)));

    public static SfMember[] List(params SfMember[] members) => members;
}
