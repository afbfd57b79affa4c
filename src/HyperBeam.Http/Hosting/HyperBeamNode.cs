using System.Net;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using HyperBeam.Actors;
using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Devices;
using HyperBeam.Devices.Meta;
using HyperBeam.Devices.Relay;
using HyperBeam.Devices.Cache;
using HyperBeam.Http.Pipeline;
using HyperBeam.Processes.Devices.Scheduler;
using HyperBeam.Processes.Hosting;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Http.Hosting;

/// <summary>
/// Starts a node: Kestrel (HTTP/1.1 and HTTP/2 cleartext) in front of the node's actor system (Akka.Hosting), both
/// inside one Generic Host, so that they start and stop together and a failing actor system stops the host.
/// </summary>
public static class HyperBeamNode
{
    public static async Task<RunningNode> StartAsync(NodeOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.DataDir);
        var wallet = LoadOrCreateWallet(options.ResolvedKeyFile);
        var state = new NodeState(options.NodeMessage, wallet);
        var store = await OpenStoreAsync(options, wallet);
        var cache = new MessageCache(store);
        var relayClient = RelayHttpClient.Create(options.Relay);
        // Processes: scheduler@1.0 reaches the "process" shard region through a gateway attached once the region exists.
        var processGateway = new DeferredProcessGateway();
        var signer = new AssignmentSigner(wallet);
        var processes = ProcessesFrom(options, signer);
        var devices = DeviceRegistry.Preloaded
            .With(new MetaDevice(state), new CacheDevice(cache), new LookupDevice(cache))
            .With(new SchedulerDevice(processGateway, cache.WriteAsync, wallet.Address))
            .AddStandardDevices(relayClient, new StandardDeviceOptions
            {
                Relay = options.Relay,
                Random = options.RouterRandom,
                Signer = message => HttpSigCommitments.Commit(message, wallet),
            });
        var resolver = new Resolver(devices);
        var runtime = new NodeRuntime();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is null) builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        else logging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            if (options.Http2Port is { } h2c)
                kestrel.Listen(IPAddress.Parse(options.Host), h2c, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = options.Limits.MaxBodyBytes;
            kestrel.Limits.MaxRequestHeaderCount = options.Limits.MaxHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.Limits.MaxHeaderBytes;
            // Header values are binaries: Latin-1 carries every byte through unchanged.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
            kestrel.ResponseHeaderEncodingSelector = _ => Encoding.Latin1;
        });
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(_ => signer);
        builder.Services.AddAkka("hyperbeam", akka =>
        {
            if (options.AkkaConfig is { } config) akka.AddHocon(config, HoconAddMode.Prepend);
            akka.AddHyperBeamProcesses(processes, processGateway.Attach);
            akka.WithActors((system, registry) =>
            {
                var guardian = system.ActorOf(NodeGuardian.Props(resolver), ActorNames.Guardian);
                registry.Register<NodeGuardian>(guardian);
                // The guardian forwards resolve jobs to its protocol router, keeping the original sender.
                runtime.Attach(new ResolveQueue(system, guardian, options.Queue));
            });
        });

        var app = builder.Build();
        var resolutionCache = new StoreResolutionCache(cache, app.Services.GetRequiredService<ILogger<StoreResolutionCache>>());
        var pipeline = new RequestPipeline(state, runtime, options.Limits, options.DefaultPage, app.Services.GetRequiredService<ILogger<RequestPipeline>>(), resolutionCache);
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1"))).ToList();
        var http2 = options.Http2Port is null ? null : addresses.Skip(1).FirstOrDefault();
        // With port 0 the system picked one: the node message tells the truth about where it listens.
        state.Update(message => message.Set("port", addresses[0].Port));
        return new RunningNode(app, addresses[0], http2, state, app.Services.GetRequiredService<ActorSystem>(), relayClient, store);
    }

    /// <summary>The process options from the node message; a value it cannot take stops start-up naming it.</summary>
    private static ProcessesOptions ProcessesFrom(NodeOptions options, AssignmentSigner signer)
    {
        try
        {
            return ProcessesNodeOptions.FromNodeMessage(options.NodeMessage, options.DataDir, signer);
        }
        catch (ArgumentException e)
        {
            signer.Dispose();
            throw new NodeConfigurationException("hyperbeam." + e.Message);
        }
    }

    /// <summary>The configured store chain; a setting it cannot take stops start-up naming the key, value and what is allowed.</summary>
    private static async Task<StoreChain> OpenStoreAsync(NodeOptions options, Wallet wallet)
    {
        try
        {
            return await StoreFactory.CreateAsync(options.Stores, options.DataDir, wallet: wallet);
        }
        catch (StoreOptionsException e)
        {
            throw StoreConfiguration.Invalid("hyperbeam." + e.Option, e.Value, e.Allowed);
        }
    }

    private static Wallet LoadOrCreateWallet(string path)
    {
        if (File.Exists(path)) return Wallet.Load(path);
        var wallet = Wallet.Create();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        wallet.Save(path);
        return wallet;
    }
}
