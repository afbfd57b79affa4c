using System.CommandLine;
using System.CommandLine.Parsing;
using HyperBeam.Node.Benchmarking;
using HyperBeam.Node.Terminal;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Node;

/// <summary>
/// <c>hb bench http [--connections N] [--duration S] [--warmup S]</c>: loads, for S seconds each, a plain Kestrel
/// endpoint, the node's <c>/~meta@1.0/info</c> and one repeated resolution, all in this process on 127.0.0.1, and
/// prints requests, req/s, p50/p99 latency, errors and the ratio to the plain endpoint.
/// <c>hb bench schedule [--clients N] [--duration S] [--warmup S] [--journal sqlite|postgres|memory] [--signing each|checkpoint|both] [--processes 1,100]</c>: assignments per second into process entities.
/// <c>hb bench compute [--slots N] [--quick] [--warmup S]</c>: Lua slots per second and recovery of N slots with and without snapshots.
/// <c>hb bench cluster [--clients N] [--duration S] [--processes P]</c>: assignments per second of a 1- and a 3-node local cluster.
/// <c>hb bench http-external</c> (<see cref="BenchHttpExternalCommand"/>): wrk against a real <c>hb run</c>, beside plain Kestrel.
/// <c>hb bench soak [--minutes N]</c> (<see cref="BenchSoakCommand"/>): a mixed load on a real <c>hb run</c>; is its RSS flat?
/// </summary>
public static class BenchCommand
{
    public const int MaxConnections = 1024;
    public const int MaxDurationSeconds = 600;
    public const int MaxComputeSlots = 10_000_000;

    public static Command Create()
    {
        var command = new Command("bench", "Measure this machine: load a local node and a plain Kestrel baseline");
        command.Subcommands.Add(CreateHttp());
        command.Subcommands.Add(CreateSchedule());
        command.Subcommands.Add(CreateCompute());
        command.Subcommands.Add(CreateCluster());
        command.Subcommands.Add(BenchHttpExternalCommand.Create());
        command.Subcommands.Add(BenchSoakCommand.Create());
        return command;
    }

    private static Command CreateHttp()
    {
        var connections = new Option<int>("--connections", "-c")
        {
            Description = $"Concurrent connections, each with one request in flight (1 to {MaxConnections})",
            DefaultValueFactory = _ => 16,
        };
        connections.Validators.Add(result => InRange(result, connections, 1, MaxConnections));
        var duration = new Option<int>("--duration", "-d")
        {
            Description = $"Seconds of measured load per target (1 to {MaxDurationSeconds})",
            DefaultValueFactory = _ => 10,
        };
        duration.Validators.Add(result => InRange(result, duration, 1, MaxDurationSeconds));
        var warmup = new Option<int>("--warmup", "-w")
        {
            Description = "Seconds of unmeasured load per target before measuring (0 to 60)",
            DefaultValueFactory = _ => 1,
        };
        warmup.Validators.Add(result => InRange(result, warmup, 0, 60));

        var command = new Command("http", "Requests per second and latency of the HTTP pipeline, beside raw Kestrel");
        foreach (var option in new Option[] { connections, duration, warmup }) command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new LoadOptions
            {
                Connections = parseResult.GetValue(connections),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
            };
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                // A live progress bar on a terminal; plain lines on stderr when piped or captured.
                var results = await HttpBench.RunAsync(options, TerminalProgress.For(output, error), cancellationToken);
                BenchReport.Write(output, options, results);
                return 0;
            }
            catch (IOException e)
            {
                error.WriteLine($"hb bench: a server could not start: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command CreateSchedule()
    {
        var clients = new Option<int>("--clients", "-c")
        {
            Description = "Concurrent clients, each with one schedule request in flight (1 to 1024)",
            DefaultValueFactory = _ => 25,
        };
        clients.Validators.Add(result => InRange(result, clients, 1, MaxConnections));
        var duration = new Option<int>("--duration", "-d")
        {
            Description = $"Seconds of measured load per row (1 to {MaxDurationSeconds})",
            DefaultValueFactory = _ => 5,
        };
        duration.Validators.Add(result => InRange(result, duration, 1, MaxDurationSeconds));

        var warmup = new Option<int>("--warmup", "-w")
        {
            Description = "Seconds of unmeasured load per row before measuring it, at least: it goes on while the JIT is still compiling, up to 30 s; 0 measures cold (0 to 60)",
            DefaultValueFactory = _ => 2,
        };
        warmup.Validators.Add(result => InRange(result, warmup, 0, 60));
        var journal = new Option<string>("--journal", "-j")
        {
            Description = "The journal: sqlite (a fresh file), postgres (the server of HB_POSTGRES or HB_TEST_POSTGRES) or memory (nothing written: the entity's ceiling)",
            DefaultValueFactory = _ => "sqlite",
        };
        journal.AcceptOnlyFromAmong("sqlite", "postgres", "memory");
        var signing = new Option<string>("--signing", "-s")
        {
            Description = "The signing modes measured: each, checkpoint or both",
            DefaultValueFactory = _ => "both",
        };
        signing.AcceptOnlyFromAmong("each", "checkpoint", "both");
        var processes = new Option<string>("--processes", "-p")
        {
            Description = "Process counts measured, comma-separated (each 1 to 10000)",
            DefaultValueFactory = _ => "1,100",
        };
        processes.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (ProcessCounts(text) is null) result.AddError($"--processes '{text}': counts from 1 to 10000, comma-separated");
        });

        var command = new Command("schedule", "Assignments per second (1 and 100 processes, each and checkpoint signing), beside RSA and SQLite baselines");
        foreach (var option in new Option[] { clients, duration, warmup, journal, signing, processes }) command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new ScheduleBenchOptions
            {
                Clients = parseResult.GetValue(clients),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
                Journal = parseResult.GetValue(journal) switch
                {
                    "postgres" => ScheduleJournal.Postgres,
                    "memory" => ScheduleJournal.Memory,
                    _ => ScheduleJournal.Sqlite,
                },
                Signings = parseResult.GetValue(signing) switch
                {
                    "each" => [AssignmentSigning.Each],
                    "checkpoint" => [AssignmentSigning.Checkpoint],
                    _ => [AssignmentSigning.Each, AssignmentSigning.Checkpoint],
                },
                ProcessCounts = ProcessCounts(parseResult.GetValue(processes))!,
                PostgresConnectionString = ClusterBenchNode.Postgres,
            };
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (options.Journal == ScheduleJournal.Postgres && options.PostgresConnectionString is null)
            {
                error.WriteLine("hb bench schedule: --journal postgres needs a connection string in HB_POSTGRES or HB_TEST_POSTGRES (bash .ci/postgres.sh prints one)");
                return 2;
            }
            var results = await ScheduleBench.RunAsync(options, error, cancellationToken);
            ScheduleBenchReport.Write(output, options, results);
            return 0;
        });
        return command;
    }

    private static int[]? ProcessCounts(string? text)
    {
        var counts = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var count) || count is < 1 or > 10000) return null;
            counts.Add(count);
        }
        return counts.Count == 0 ? null : counts.ToArray();
    }

    private static Command CreateCompute()
    {
        var quick = new Option<bool>("--quick", "-q")
        {
            Description = $"A short run: {ComputeBenchOptions.QuickSlots} slots (unless --slots says otherwise) and 1 s per baseline",
        };
        var slots = new Option<int?>("--slots", "-n")
        {
            Description = $"Messages scheduled, computed and recovered (1 to {MaxComputeSlots}; default {ComputeBenchOptions.DefaultSlots})",
        };
        slots.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int?>();
            if (value is < 1 or > MaxComputeSlots) result.AddError($"{slots.Name} must be from 1 to {MaxComputeSlots}, got {value}.");
        });
        var snapshotEvery = new Option<int>("--snapshot-every")
        {
            Description = "Compute snapshot interval in slots of the with-snapshots run (1 to 1000000; the node's default is 16)",
            DefaultValueFactory = _ => 16,
        };
        snapshotEvery.Validators.Add(result => InRange(result, snapshotEvery, 1, 1_000_000));

        var luaOnly = new Option<bool>("--lua-only")
        {
            Description = "Only the Lua rows: skips the 10 MB heap snapshot rows and the genesis-wasm/ao-loader table (faster iterations)",
        };

        var warmup = new Option<int>("--warmup", "-w")
        {
            Description = "Longest warm-up of each scenario in seconds: rounds of a fresh process on the measured path until the JIT is quiet; 0 measures cold (0 to 300)",
            DefaultValueFactory = _ => (int)JitWarmup.DefaultLimit.TotalSeconds,
        };
        warmup.Validators.Add(result => InRange(result, warmup, 0, 300));

        var command = new Command("compute", "Lua slots per second through the compute path beside a raw Lua call, and recovery of N slots with and without snapshots");
        foreach (var option in new Option[] { quick, slots, snapshotEvery, luaOnly, warmup }) command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var isQuick = parseResult.GetValue(quick);
            var options = new ComputeBenchOptions
            {
                Slots = parseResult.GetValue(slots) ?? (isQuick ? ComputeBenchOptions.QuickSlots : ComputeBenchOptions.DefaultSlots),
                BaselineDuration = TimeSpan.FromSeconds(isQuick ? 1 : 3),
                ComputeSnapshotEvery = parseResult.GetValue(snapshotEvery),
                LuaOnly = parseResult.GetValue(luaOnly),
                Warmup = TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
            };
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var run = await ComputeBench.RunAsync(options, TerminalProgress.For(output, error), cancellationToken);
                ComputeBenchReport.Write(output, options, run);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                // A step that did not do its work (a failed slot, a scheduler that lost count) measures nothing.
                error.WriteLine($"hb bench compute: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command CreateCluster()
    {
        var clients = new Option<int>("--clients", "-c")
        {
            Description = $"Concurrent clients, spread over the nodes, each with one schedule request in flight (1 to {MaxConnections})",
            DefaultValueFactory = _ => 25,
        };
        clients.Validators.Add(result => InRange(result, clients, 1, MaxConnections));
        var duration = new Option<int>("--duration", "-d")
        {
            Description = $"Seconds of measured load per cluster size (1 to {MaxDurationSeconds})",
            DefaultValueFactory = _ => 5,
        };
        duration.Validators.Add(result => InRange(result, duration, 1, MaxDurationSeconds));
        var processes = new Option<int>("--processes", "-p")
        {
            Description = "Processes spread over the cluster (1 to 10000)",
            DefaultValueFactory = _ => 30,
        };
        processes.Validators.Add(result => InRange(result, processes, 1, 10_000));

        var command = new Command("cluster", "Aggregate assignments per second of a 1-node and a 3-node local cluster (checkpoint signing)");
        foreach (var option in new Option[] { clients, duration, processes }) command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new ClusterBenchOptions
            {
                Clients = parseResult.GetValue(clients),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                Processes = parseResult.GetValue(processes),
            };
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var run = await ClusterBench.RunAsync(options, error, cancellationToken);
                ClusterBenchReport.Write(parseResult.InvocationConfiguration.Output, options, run);
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // A cluster that did not form, or a process that was not created, measures nothing.
                error.WriteLine($"hb bench cluster: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    internal static void InRange(OptionResult result, Option<int> option, int min, int max)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < min || value > max) result.AddError($"{option.Name} must be from {min} to {max}, got {value}.");
    }
}
