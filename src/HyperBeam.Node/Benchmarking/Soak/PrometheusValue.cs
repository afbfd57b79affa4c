using System.Globalization;

namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>One unlabelled sample out of a Prometheus text exposition (the node's <c>/metrics</c>).</summary>
public static class PrometheusValue
{
    /// <summary>The value of the first <c>name value</c> line, or null when there is none.</summary>
    public static double? Read(string exposition, string name)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentNullException.ThrowIfNull(name);
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name + " ", StringComparison.Ordinal)) continue;
            var text = line[(name.Length + 1)..].Trim().Split(' ')[0];
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        }
        return null;
    }
}
