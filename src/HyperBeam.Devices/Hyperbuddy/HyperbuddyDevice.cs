using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Devices.Hyperbuddy;

/// <summary>
/// <c>hyperbuddy@1.0</c>: the node's developer tools, as HyperBEAM's device of that name.
/// <list type="bullet">
/// <item><c>metrics</c> — the node's metrics in Prometheus text format (the same text as <c>/metrics</c>).</item>
/// <item><c>index</c> — the dashboard page (HTML): node info, cluster members, processes, live metrics, a resolve form.</item>
/// </list>
/// </summary>
public sealed class HyperbuddyDevice : Device
{
    public const string DeviceName = "hyperbuddy@1.0";

    private readonly Func<CancellationToken, Task<string>>? _metrics;

    /// <param name="metrics">Renders the metrics text; null when metrics are off (the key answers 404).</param>
    /// <param name="dashboard">Whether <c>index</c> serves the dashboard (404 when off).</param>
    public HyperbuddyDevice(Func<CancellationToken, Task<string>>? metrics, bool dashboard = true)
        : base(DeviceName, new DeviceInfo { Exports = ["metrics", "index"] })
    {
        _metrics = metrics;
        Map("metrics", Metrics);
        if (dashboard) Map("index", Index);
        else Map("index", (_, _, _) => ValueTask.FromResult(NotFound("the dashboard is off (hyperbeam.features.dashboard)")));
    }

    private async ValueTask<ResolveResult> Metrics(Message @base, Message request, ResolveContext context)
    {
        if (_metrics is null) return NotFound("metrics are off (hyperbeam.features.metrics)");
        var text = await _metrics(context.CancellationToken).ConfigureAwait(false);
        return ResolveResult.Ok(Message.Of(("content-type", "text/plain; version=0.0.4; charset=utf-8"), ("body", text)));
    }

    private static ValueTask<ResolveResult> Index(Message @base, Message request, ResolveContext context) =>
        ValueTask.FromResult(ResolveResult.Ok(Message.Of(("content-type", "text/html; charset=utf-8"), ("body", DashboardPage.Html))));

    private static ResolveResult NotFound(string why) =>
        new(ResolveStatus.Error, Message.Of(("status", 404), ("body", why)), why);
}
