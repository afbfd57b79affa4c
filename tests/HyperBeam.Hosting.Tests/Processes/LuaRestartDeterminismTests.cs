using Akka.Actor;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>
/// Issue 15: a Lua process that keeps its state in globals and closures (a handler list that grows as messages
/// register handlers, a counter closed over in a local) gives byte-identical results slot by slot whether its compute
/// worker was killed, or the whole node restarted on the same data folder, at slots a seeded random generator picks —
/// compared with a run that was never interrupted.
/// </summary>
public class LuaRestartDeterminismTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private const int Slots = 14;

    private const string Program = """
        Handlers = { list = {} }
        function Handlers.add(name, match, handle)
          table.insert(Handlers.list, { name = name, match = match, handle = handle })
        end
        Total = 0
        Log = {}
        local function stepper(step)
          local n = 0
          return function() n = n + step; return n end
        end
        local nextTick = stepper(3)
        Handlers.add("add", function(m) return m.action == "Add" end,
          function(m) Total = Total + tonumber(m.n); return "total " .. Total end)
        Handlers.add("tick", function(m) return m.action == "Tick" end,
          function(m) return "tick " .. nextTick() end)
        Handlers.add("register", function(m) return m.action == "Register" end, function(m)
          local name = m.name
          Handlers.add(name, function(x) return x.action == name end, function(x)
            table.insert(Log, name)
            return name .. " #" .. #Log .. " at total " .. Total
          end)
          return "registered " .. name
        end)
        function compute(base, req)
          local msg = req.body or req
          local out = {}
          for _, handler in ipairs(Handlers.list) do
            if handler.match(msg) then table.insert(out, handler.handle(msg)) end
          end
          base.results = { data = table.concat(out, "; ") .. " | " .. #Handlers.list .. " handlers" }
          return base
        end
        """;

    private static Func<Message, Message> SnapshotEvery4 => node => node.Set("compute_snapshot_every", 4);

    private Message Signed(params (string Key, object? Value)[] keys) =>
        HttpSigCommitments.Commit(Message.Of([.. keys, ("nonce", Guid.NewGuid().ToString("N"))]), signer.Wallet);

    /// <summary>The messages of slots 1.. : the same actions for every run (a fixed seed), each run's own nonces.</summary>
    private static List<(string Key, object? Value)[]> Actions()
    {
        var random = new Random(1515);
        var registered = new List<string>();
        var actions = new List<(string Key, object? Value)[]>();
        for (var slot = 1; slot < Slots; slot++)
        {
            var pick = random.Next(4);
            if (pick == 0) actions.Add([("action", "Add"), ("n", random.Next(1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            else if (pick == 1) actions.Add([("action", "Tick")]);
            else if (pick == 2 || registered.Count == 0)
            {
                registered.Add("h" + slot);
                actions.Add([("action", "Register"), ("name", "h" + slot)]);
            }
            else actions.Add([("action", registered[random.Next(registered.Count)])]);
        }
        return actions;
    }

    /// <summary>Slots picked to interrupt after (about one in three, never the last).</summary>
    private static HashSet<int> Picked(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Slots - 1).Where(_ => random.Next(3) == 0)];
    }

    /// <summary>Runs the program for <see cref="Slots"/> slots; <paramref name="after"/> may interrupt after a slot and hands back the node to go on with.</summary>
    private async Task<List<string>> RunAsync(TestNode first, Func<TestNode, int, Task<TestNode>>? after = null)
    {
        var node = first;
        var process = Signed(("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"),
            ("execution-device", "lua@5.3a"), ("module", Program));
        var pid = MessageIds.All(process);
        await ProcessHttp.PostOkAsync(node.Client, "/~scheduler@1.0/schedule", Message.Of(("body", process)));
        var actions = Actions();
        var results = new List<string>();
        for (var slot = 0; slot < Slots; slot++)
        {
            if (slot > 0) await ProcessHttp.PostOkAsync(node.Client, "/~scheduler@1.0/schedule", Signed([("type", "Message"), ("target", pid), .. actions[slot - 1]]));
            results.Add(await ProcessHttp.GetTextOkAsync(node.Client, $"/{pid}~process@1.0/compute&slot={slot}/results/data"));
            if (after is not null) node = await after(node, slot);
        }
        return results;
    }

    private async Task<List<string>> UninterruptedAsync()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: SnapshotEvery4);
        return await RunAsync(node);
    }

    [Fact]
    public async Task Results_with_the_compute_worker_killed_at_random_slots_equal_an_uninterrupted_run()
    {
        var expected = await UninterruptedAsync();
        var kills = Picked(15);
        await using var node = await TestNode.StartAsync(nodeMessage: SnapshotEvery4);

        var results = await RunAsync(node, async (current, slot) =>
        {
            if (!kills.Contains(slot)) return current;
            var workers = current.Node.ActorSystem.ActorSelection("/system/sharding/process/*/*/compute/worker-supervisor/worker");
            var worker = await workers.ResolveOne(TimeSpan.FromSeconds(10));
            worker.Tell(Kill.Instance);
            return current;
        });

        Assert.NotEmpty(kills);
        Assert.Contains(expected, r => r.Contains(" #", StringComparison.Ordinal));
        Assert.Equal(expected, results);
    }

    [Fact]
    public async Task Results_with_the_node_restarted_at_random_slots_equal_an_uninterrupted_run()
    {
        var expected = await UninterruptedAsync();
        var restarts = Picked(27);
        using var dataDir = new TempFolder();
        var node = await TestNode.StartAsync(o => o with { DataDir = dataDir.Path }, SnapshotEvery4);
        try
        {
            var results = await RunAsync(node, async (current, slot) =>
            {
                if (!restarts.Contains(slot)) return current;
                await current.DisposeAsync();
                node = await TestNode.StartAsync(o => o with { DataDir = dataDir.Path }, SnapshotEvery4);
                return node;
            });

            Assert.NotEmpty(restarts);
            Assert.Equal(expected, results);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
