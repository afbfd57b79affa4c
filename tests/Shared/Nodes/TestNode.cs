using Akka.Configuration;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Node;

namespace HyperBeam.Tests.Shared;

/// <summary>A real node on 127.0.0.1 (a free port) with its own temporary data folder, for end-to-end tests.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly string _dataDir;

    private TestNode(RunningNode node, string dataDir)
    {
        Node = node;
        _dataDir = dataDir;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = node.Url };
    }

    public RunningNode Node { get; }

    public HttpClient Client { get; }

    public static async Task<TestNode> StartAsync(Func<NodeOptions, NodeOptions>? configure = null, Func<Message, Message>? nodeMessage = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-test-" + Guid.NewGuid().ToString("N"));
        var quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING").WithFallback(NodeConfiguration.Defaults);
        var options = NodeConfiguration.FromConfig(quiet, host: "127.0.0.1") with { Port = 0, DataDir = dataDir, KeyFile = TestKeyFile.Path };
        if (nodeMessage is not null) options = options with { NodeMessage = nodeMessage(options.NodeMessage) };
        if (configure is not null) options = configure(options);
        return new TestNode(await HyperBeamNode.StartAsync(options), dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
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
