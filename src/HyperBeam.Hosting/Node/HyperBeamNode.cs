using System.Net;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using HyperBeam.Hosting.Modules.Cluster;
using HyperBeam.Hosting.Modules.Observability;
using HyperBeam.Hosting.Modules.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Hosting.Node;

/// <summary>
/// Starts a node: Kestrel (HTTP/1.1 and HTTP/2 cleartext) in front of the node's actor system (Akka.Hosting), both
/// inside one Generic Host, so that they start and stop together and a failing actor system stops the host.
/// The node is composed of <see cref="INodeModule"/>s (<see cref="Modules"/>); an embedding app composes the same
/// modules into its own host (HyperBeam.Hosting's <c>services.AddHyperBeam(...)</c>).
/// </summary>
public static class HyperBeamNode
{
    /// <summary>
    /// The modules of a node with these options: the built-in ones, then <see cref="NodeOptions.Modules"/>, then
    /// processes last, so that processes compute with every device the other modules (and an embedding app) add.
    /// </summary>
    public static IReadOnlyList<INodeModule> Modules(NodeOptions options)
    {
        var clustered = ClusterModule.IsEnabled(options);
        // The cluster module comes after the processes module: its persistence settings override the SQLite default.
        INodeModule[] cluster = clustered ? [new ClusterModule()] : [];
        return [new ObservabilityModule(), .. options.Modules, new ProcessesModule(clusterManagedExternally: clustered), .. cluster];
    }

    public static async Task<RunningNode> StartAsync(NodeOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var core = new NodeCore(options, Modules(options));
        try
        {
            // Opened before the host, so a bad store setting or key file fails here with its own message.
            await core.OpenAsync();
            return await StartHostAsync(core, logging, cancellationToken);
        }
        catch
        {
            await core.DisposeAsync();
            throw;
        }
    }

    private static async Task<RunningNode> StartHostAsync(NodeCore core, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        var options = core.Options;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is null) builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        else logging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            if (options.Features.Http2 && options.Http2Port is { } h2c)
                kestrel.Listen(IPAddress.Parse(options.Host), h2c, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = options.Limits.MaxBodyBytes;
            kestrel.Limits.MaxRequestHeaderCount = options.Limits.MaxHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.Limits.MaxHeaderBytes;
            // Header values are binaries: Latin-1 carries every byte through unchanged.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
            kestrel.ResponseHeaderEncodingSelector = _ => Encoding.Latin1;
        });
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.Services.AddHyperBeamNode(core);
        builder.Services.AddAkka(ClusterModule.SystemNameFor(options, "hyperbeam"), akka => akka.WithHyperBeamNode(core));

        var app = builder.Build();
        app.MapHyperBeamNode();
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1"))).ToList();
        var http2 = options.Http2Port is null || !options.Features.Http2 ? null : addresses.Skip(1).FirstOrDefault();
        // With port 0 the system picked one: the node message tells the truth about where it listens.
        core.State.Update(message => message.Set("port", addresses[0].Port));
        return new RunningNode(app, addresses[0], http2, core.State, app.Services.GetRequiredService<ActorSystem>(), core.RelayClient, core.Store);
    }
}
