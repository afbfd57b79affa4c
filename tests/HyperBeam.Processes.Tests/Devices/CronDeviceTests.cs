using System.Collections.Concurrent;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Devices.Cron;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;

namespace HyperBeam.Processes.Tests.Devices;

public sealed class CronDeviceTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly RecordingGateway _gateway = new();
    private readonly Resolver _resolver;
    private int _ticks;

    public CronDeviceTests() : base(ComputeTestConfig.InMemory)
    {
        var cron = new CronDevice(Sys.ActorOf(CronScheduler.Props(_gateway)));
        var ticker = Device.Create("ticker@1.0", ("tick", (state, _, _) =>
        {
            Interlocked.Increment(ref _ticks);
            return ValueTask.FromResult(ResolveResult.Ok(state));
        }));
        _resolver = new Resolver(DeviceRegistry.Preloaded.With(cron, ticker));
    }

    [Fact]
    public async Task Every_schedules_repeatedly_on_the_target_until_stopped()
    {
        var started = await _resolver.ResolveAsync(Message.Empty.Set("device", CronDevice.DeviceName),
            Message.Of(("path", "every"), ("cron-target", "process-a"), ("interval", "20-milliseconds"), ("action", "Tick")));
        Assert.True(started.IsOk, started.ToString());
        var taskId = ((AoBinary)started.Value).Text;

        await AwaitAssertAsync(() => Assert.True(_gateway.CountFor("process-a") >= 3), Wait);
        Assert.All(_gateway.For("process-a"), m => Assert.Equal("Tick", m.GetText("action")));
        Assert.All(_gateway.For("process-a"), m => Assert.Null(m.Get("interval")));

        var stopped = await _resolver.ResolveAsync(Message.Empty.Set("device", CronDevice.DeviceName), Message.Of(("path", "stop"), ("task", taskId)));
        Assert.Equal(new AoInteger(200), stopped.Message!.Get("status"));
        var atStop = _gateway.CountFor("process-a");
        // Two later tasks have run to the end: with a 20 ms interval a live timer would have fired meanwhile.
        foreach (var marker in new[] { "marker-1", "marker-2" })
        {
            await _resolver.ResolveAsync(Message.Empty.Set("device", CronDevice.DeviceName), Message.Of(("path", "once"), ("cron-target", marker)));
            await AwaitAssertAsync(() => Assert.Equal(1, _gateway.CountFor(marker)), Wait);
        }
        Assert.InRange(_gateway.CountFor("process-a"), atStop, atStop + 1);

        var again = await _resolver.ResolveAsync(Message.Empty.Set("device", CronDevice.DeviceName), Message.Of(("path", "stop"), ("task", taskId)));
        Assert.Equal(ResolveStatus.NotFound, again.Status);
    }

    [Fact]
    public async Task Once_runs_a_single_time()
    {
        var started = await _resolver.ResolveAsync(Message.Empty.Set("device", CronDevice.DeviceName),
            Message.Of(("path", "once"), ("cron-target", "process-b")));

        await AwaitAssertAsync(() => Assert.Equal(1, _gateway.CountFor("process-b")), Wait);
        var stop = await _resolver.ResolveAsync(Message.Empty.Set("device", CronDevice.DeviceName),
            Message.Of(("path", "stop"), ("task", ((AoBinary)started.Value).Text)));
        Assert.Equal(ResolveStatus.NotFound, stop.Status);
    }

    [Fact]
    public async Task A_cron_path_is_resolved_by_the_node()
    {
        await _resolver.ResolveAsync(Message.Empty.Set("device", CronDevice.DeviceName),
            Message.Of(("path", "once"), ("cron-path", "tick~ticker@1.0")));

        await AwaitAssertAsync(() => Assert.Equal(1, Volatile.Read(ref _ticks)), Wait);
    }

    [Theory]
    [InlineData("every", "cron-target", "p", "interval", "5-fortnights")]
    [InlineData("every", "cron-target", "p", "interval", "soon")]
    [InlineData("every", "cron-target", "p", "interval", "0-seconds")]
    [InlineData("every", "other", "x", "interval", "1-seconds")]
    [InlineData("once", "other", "x", "nothing", "")]
    public async Task Bad_requests_are_400s(string key, string k1, string v1, string k2, string v2)
    {
        var result = await _resolver.ResolveAsync(Message.Empty.Set("device", CronDevice.DeviceName),
            Message.Of(("path", key), (k1, v1), (k2, v2)));

        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Equal(new AoInteger(400), result.Message!.Get("status"));
    }

    [Fact]
    public void Intervals_parse_as_dev_cron_reads_them()
    {
        Assert.True(CronIntervals.TryParse("500-milliseconds", out var ms, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(500), ms);
        Assert.True(CronIntervals.TryParse("2-Minutes", out var minutes, out _));
        Assert.Equal(TimeSpan.FromMinutes(2), minutes);
        Assert.True(CronIntervals.TryParse("1-day", out var day, out _));
        Assert.Equal(TimeSpan.FromDays(1), day);
    }

    /// <summary>Records what cron schedules, per process, and answers as a scheduler would.</summary>
    private sealed class RecordingGateway : IProcessGateway
    {
        private readonly ConcurrentQueue<Schedule> _scheduled = new();

        public IEnumerable<Message> For(string processId) => _scheduled.Where(s => s.ProcessId == processId).Select(s => s.Message);

        public int CountFor(string processId) => For(processId).Count();

        public Task<object> AskAsync(IProcessCommand command, CancellationToken cancellationToken = default)
        {
            if (command is not Schedule schedule) return Task.FromResult<object>(new ProcessCommandFailed(command.ProcessId, 400, "only schedule"));
            _scheduled.Enqueue(schedule);
            return Task.FromResult<object>(new Scheduled(schedule.ProcessId, CountFor(schedule.ProcessId), schedule.Message));
        }
    }
}
