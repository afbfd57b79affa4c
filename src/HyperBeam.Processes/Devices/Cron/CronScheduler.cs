using Akka.Actor;
using Akka.Event;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Devices.Cron;

/// <summary>
/// Runs the node's cron tasks on actor timers: a <c>once</c> task fires at once and is forgotten, an <c>every</c>
/// task fires at once and then every interval until stopped. A task whose previous run has not finished skips a tick
/// rather than piling runs up. A failed run is logged and the task goes on, as dev_cron's worker does.
/// </summary>
public sealed class CronScheduler : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, CronJob> _jobs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);

    public CronScheduler(IProcessGateway gateway)
    {
        Receive<StartCronTask>(start =>
        {
            var job = start.Job;
            _jobs[job.TaskId] = job;
            if (job.Interval is { } interval) Timers.StartPeriodicTimer(job.TaskId, new Fire(job.TaskId), TimeSpan.Zero, interval);
            else Self.Tell(new Fire(job.TaskId));
            Sender.Tell(new CronTaskStarted(job.TaskId));
        });
        Receive<StopCronTask>(stop =>
        {
            var found = _jobs.Remove(stop.TaskId);
            Timers.Cancel(stop.TaskId);
            Sender.Tell(new CronTaskStopped(stop.TaskId, found));
        });
        Receive<Fire>(fire =>
        {
            if (!_jobs.TryGetValue(fire.TaskId, out var job) || !_running.Add(job.TaskId)) return;
            if (job.Interval is null) _jobs.Remove(job.TaskId);
            RunAsync(gateway, job).PipeTo(Self,
                success: outcome => new Ran(job.TaskId, outcome),
                failure: e => new Ran(job.TaskId, $"{e.GetType().Name}: {e.Message}"));
        });
        Receive<Ran>(ran =>
        {
            _running.Remove(ran.TaskId);
            if (ran.Failure is not null) _log.Warning("Cron task {0} failed: {1}", ran.TaskId, ran.Failure);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IProcessGateway gateway) => Akka.Actor.Props.Create(() => new CronScheduler(gateway));

    /// <summary>Runs the task once; null when it went well, else why not.</summary>
    private static async Task<string?> RunAsync(IProcessGateway gateway, CronJob job)
    {
        if (job.Target is { } target)
        {
            var reply = await gateway.AskAsync(new Schedule(target, job.Message)).ConfigureAwait(false);
            return reply switch
            {
                Scheduled => null,
                ProcessCommandFailed failed => $"scheduling on {target} failed ({failed.Status}): {failed.Reason}",
                _ => $"scheduling on {target} answered {reply.GetType().Name}",
            };
        }
        if (job.Resolver is null) return "the task has neither a target nor a resolver";
        var result = await job.Resolver.ResolveAsync(Message.Empty, job.Message, job.Options).ConfigureAwait(false);
        return result.IsOk ? null : result.ToString();
    }

    private sealed record Fire(string TaskId);

    private sealed record Ran(string TaskId, string? Failure);
}
