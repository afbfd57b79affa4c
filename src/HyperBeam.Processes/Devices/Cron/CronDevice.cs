using Akka.Actor;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Devices.Process;

namespace HyperBeam.Processes.Devices.Cron;

/// <summary>
/// <c>cron@1.0</c> (HyperBEAM's <c>dev_cron</c>): messages a node sends by itself, on a timer held by the
/// <see cref="CronScheduler"/> actor.
/// <list type="bullet">
/// <item><c>once</c>: runs the task now; answers its task ID (the ID of the request).</item>
/// <item><c>every</c>: runs the task now and then every <c>interval</c> (<c>10-seconds</c>, <c>500-milliseconds</c>…); answers the task ID.</item>
/// <item><c>stop</c>: stops task <c>task</c>; 200 with <c>{message, task_id}</c>, or an error "Task not found.".</item>
/// </list>
/// A task is either <c>cron-target</c> = a process ID, on which the request (less <c>path</c> and the cron keys) is
/// scheduled through the process gateway, or <c>cron-path</c>, which is resolved with the rest of the request as
/// dev_cron does (on an empty base, with the options of the request that made the task).
/// </summary>
public sealed class CronDevice : Device
{
    public const string DeviceName = "cron@1.0";

    private static readonly string[] CronKeys = ["path", "cron-path", "cron-target", "interval"];

    private readonly IActorRef _scheduler;
    private readonly TimeSpan _timeout;

    public CronDevice(IActorRef scheduler, TimeSpan? askTimeout = null)
        : base(DeviceName, new DeviceInfo { Exports = ["once", "every", "stop"] })
    {
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _timeout = askTimeout ?? TimeSpan.FromSeconds(10);
        Map("once", (b, r, c) => StartAsync(r, c, every: false));
        Map("every", (b, r, c) => StartAsync(r, c, every: true));
        Map("stop", StopAsync);
    }

    private async ValueTask<ResolveResult> StartAsync(Message request, ResolveContext context, bool every)
    {
        var path = request.GetText("cron-path");
        var target = request.GetText("cron-target");
        if (path is null && target is null) return GatewayReplies.Status(400, "No cron path found in message.");
        TimeSpan? interval = null;
        if (every)
        {
            if (request.GetText("interval") is not { } text) return GatewayReplies.Status(400, "No interval found in message.");
            if (!CronIntervals.TryParse(text, out var parsed, out var error)) return GatewayReplies.Status(400, error);
            interval = parsed;
        }
        var taskId = MessageIds.All(request);
        var message = request.Without(CronKeys);
        if (target is null) message = message.Set("path", path!);
        var job = new CronJob(taskId, message, target, interval, target is null ? context.Resolver : null, context.Options);
        await _scheduler.Ask<CronTaskStarted>(new StartCronTask(job), _timeout, context.CancellationToken).ConfigureAwait(false);
        return ResolveResult.Ok(AoBinary.FromString(taskId));
    }

    private async ValueTask<ResolveResult> StopAsync(Message @base, Message request, ResolveContext context)
    {
        if (request.GetText("task") is not { } taskId) return GatewayReplies.Status(400, "No task ID found in message.");
        var stopped = await _scheduler.Ask<CronTaskStopped>(new StopCronTask(taskId), _timeout, context.CancellationToken).ConfigureAwait(false);
        return stopped.Found
            ? ResolveResult.Ok(Message.Of(("status", 200), ("body", Message.Of(("message", "Task stopped successfully"), ("task_id", taskId)))))
            : GatewayReplies.Status(404, "Task not found.");
    }
}
