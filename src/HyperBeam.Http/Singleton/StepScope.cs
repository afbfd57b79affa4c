using System.Globalization;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// <c>N.key</c> scoping (HyperBEAM's <c>parse_scope</c>): a key with exactly one dot whose front is a number applies
/// to step N only (step 0 is the first element, usually the base message). A key with two or more dots is an
/// ordinary key; a key with one dot and no number in front is an error, as in HyperBEAM.
/// </summary>
internal static class StepScope
{
    public static (int? Step, string Key) Parse(string key)
    {
        var dot = key.IndexOf('.');
        if (dot < 0 || key.IndexOf('.', dot + 1) >= 0) return (null, key);
        var front = key[..dot];
        if (!long.TryParse(front, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new SingletonParseException($"'{PathScanner.Quote(key)}': a key with one dot must be N.key, with N a step number");
        if (n < 0 || n > int.MaxValue)
            throw new SingletonParseException($"'{PathScanner.Quote(key)}': step {front} does not exist; steps count from 0");
        return ((int)n, key[(dot + 1)..]);
    }
}
