using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using HyperBeam.Core.Wallets;
using HyperBeam.Hosting.Node;
using HyperBeam.Processes.Protocol;
using HyperBeam.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting.Testing;

/// <summary>
/// A real node for users' tests: in memory (memory store, in-memory journal), on 127.0.0.1 with a free port, its own
/// temporary folder, quiet logs. Use it as an xunit fixture or per test (<c>await using</c>):
/// <code>
/// await using var node = await HyperBeamTestNode.StartAsync(o => o.AddDevice(new MyDevice()));
/// var result = await node.Client.ResolveAsync("/~my@1.0/hello");
/// var events = node.CreateProcessEventProbe(this);   // this: an Akka TestKit
/// </code>
/// </summary>
public sealed class HyperBeamTestNode : IAsyncDisposable
{
    /// <summary>HOCON every test node starts with: quiet logs and Akka.Persistence's in-memory journal and snapshots.</summary>
    public const string TestHocon = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    /// <summary>One key file for every test node of the process: generating an RSA-4096 key takes seconds.</summary>
    private static readonly Lazy<string> SharedKeyFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"hb-testnode-key-{Environment.ProcessId}.json");
        using var wallet = Wallet.Create();
        wallet.Save(path, overwrite: true);
        return path;
    });

    private readonly string _dataDir;

    private HyperBeamTestNode(RunningNode node, string dataDir)
    {
        Node = node;
        _dataDir = dataDir;
        var core = node.Services.GetRequiredService<NodeCore>();
        Client = new HyperBeamClient(core, node.Services);
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = node.Url };
    }

    public RunningNode Node { get; }

    /// <summary>Resolves and schedules from C#, without HTTP.</summary>
    public IHyperBeamClient Client { get; }

    /// <summary>An HTTP client for the node's own endpoint.</summary>
    public HttpClient Http { get; }

    public ActorSystem ActorSystem => Node.ActorSystem;

    /// <summary>Starts a node; <paramref name="configure"/> adds devices, modules and settings as in <c>AddHyperBeam</c>.</summary>
    public static async Task<HyperBeamTestNode> StartAsync(Action<HyperBeamOptions>? configure = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-testnode-" + Guid.NewGuid().ToString("N"));
        var builder = new HyperBeamOptions { UseEnvironment = false, KeyFile = SharedKeyFile.Value };
        builder.Set("hyperbeam.host", "127.0.0.1").Set("hyperbeam.port", "0").Set("hyperbeam.data-dir", dataDir);
        configure?.Invoke(builder);
        var options = builder.Build();
        options = options with
        {
            Stores = [new StoreOptions { Type = StoreTypes.Memory }],
            AkkaConfig = ConfigurationFactory.ParseString(TestHocon).WithFallback(options.AkkaConfig ?? Config.Empty),
        };
        return new HyperBeamTestNode(await HyperBeamNode.StartAsync(options), dataDir);
    }

    /// <summary>
    /// A probe that receives the process events the node publishes on its event stream (<see cref="Scheduled"/>,
    /// <see cref="Computed"/>), e.g. <c>probe.ExpectMsg&lt;Scheduled&gt;(s =&gt; s.Slot == 1)</c>.
    /// </summary>
    public TestProbe CreateProcessEventProbe(TestKitBase kit)
    {
        var probe = kit.CreateTestProbe(ActorSystem);
        ActorSystem.EventStream.Subscribe(probe.Ref, typeof(Scheduled));
        ActorSystem.EventStream.Subscribe(probe.Ref, typeof(Computed));
        return probe;
    }

    /// <summary>A probe for any event type published on the node's event stream.</summary>
    public TestProbe CreateEventProbe<TEvent>(TestKitBase kit)
    {
        var probe = kit.CreateTestProbe(ActorSystem);
        ActorSystem.EventStream.Subscribe(probe.Ref, typeof(TEvent));
        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Node.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
