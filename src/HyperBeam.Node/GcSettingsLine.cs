using System.Globalization;
using System.Runtime;

namespace HyperBeam.Node;

/// <summary>
/// The memory settings this process runs with, as <c>hb run</c> prints them once it listens: how much memory a node
/// keeps depends on them more than on anything else (README, "HTTP performance", the soak), and the garbage collector's
/// come from <c>hb.runtimeconfig.json</c> or <c>DOTNET_*</c> variables, which an operator may change.
/// </summary>
public static class GcSettingsLine
{
    public const string Prefix = "hb: gc ";

    /// <summary>
    /// E.g. <c>hb: gc server, dynamic adaptation 1, concurrent, conserve memory 0; native heap trimmed every 30 s</c>
    /// (the last part only where <paramref name="nativeTrim"/> is given and <see cref="NativeHeapTrimmer.IsSupported"/>).
    /// </summary>
    public static string Describe(TimeSpan? nativeTrim)
    {
        var variables = GC.GetConfigurationVariables();
        var kind = GCSettings.IsServerGC
            ? string.Create(CultureInfo.InvariantCulture, $"server, dynamic adaptation {Number(variables, "GCDynamicAdaptationMode")}")
            : "workstation";
        var concurrency = Flag(variables, "ConcurrentGC") ? "concurrent" : "non-concurrent";
        var trim = nativeTrim is { } every && NativeHeapTrimmer.IsSupported
            ? string.Create(CultureInfo.InvariantCulture, $"; native heap trimmed every {every.TotalSeconds:0} s")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}{kind}, {concurrency}, conserve memory {Number(variables, "GCConserveMem")}{trim}");
    }

    private static bool Flag(IReadOnlyDictionary<string, object> variables, string name) =>
        variables.TryGetValue(name, out var value) && value is true;

    private static long Number(IReadOnlyDictionary<string, object> variables, string name) =>
        variables.TryGetValue(name, out var value) ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
}
