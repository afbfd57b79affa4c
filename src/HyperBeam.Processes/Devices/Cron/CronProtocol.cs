using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Processes.Devices.Cron;

/// <summary>
/// What a cron task does each time it fires: schedule <paramref name="Message"/> on process <paramref name="Target"/>
/// through the gateway, or resolve <paramref name="Message"/> (whose <c>path</c> is the cron path) with the resolver
/// and options of the request that created the task, as dev_cron hands its path to the node.
/// </summary>
public sealed record CronJob(string TaskId, Message Message, string? Target, TimeSpan? Interval, Resolver? Resolver, ResolveOptions? Options);

/// <summary>Starts (or replaces) a task; replies <see cref="CronTaskStarted"/>.</summary>
public sealed record StartCronTask(CronJob Job);

public sealed record CronTaskStarted(string TaskId);

/// <summary>Stops a task; replies <see cref="CronTaskStopped"/> (<c>Found</c> false when there was no such task).</summary>
public sealed record StopCronTask(string TaskId);

public sealed record CronTaskStopped(string TaskId, bool Found);
