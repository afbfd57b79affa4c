using System.Globalization;

namespace HyperBeam.Core.Codecs.Structured;

/// <summary>
/// Floats as HyperBEAM writes them into TABMs: Erlang's <c>float_to_binary/1</c>, i.e. C's <c>%.20e</c>
/// (<c>3.00000000000000000000e+00</c>). The text is part of message IDs, so it must match byte for byte.
/// </summary>
public static class ErlangFloat
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "AO-Core floats must be finite");
        // .NET formats exactly (not round-tripped digits) with "E20"; only the exponent style differs from C.
        var s = value.ToString("E20", CultureInfo.InvariantCulture);
        var e = s.IndexOf('E');
        var mantissa = s[..e];
        var exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Concat(mantissa, exponent < 0 ? "e-" : "e+", Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses Erlang float text (and plain decimals) into a double.</summary>
    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
