using Akka.Actor;
using Akka.Hosting;
using HyperBeam.Actors;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Wallets;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyperBeam.Hosting.Tests.Embedding;

public sealed class ExistingAkkaTests
{
    [Fact]
    public async Task WithHyperBeam_adds_the_node_to_an_actor_system_the_app_already_configures()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHyperBeamServices(options =>
        {
            TestNodes.InMemory(options);
            options.AddDevice(new GreetingDevice());
        });
        builder.Services.AddAkka("the-apps-own-system", (akka, provider) =>
        {
            akka.AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend);
            akka.WithActors((system, registry) => registry.Register<AppActor>(system.ActorOf(Props.Create(() => new AppActor()), "app")));
            akka.WithHyperBeam(provider);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            Assert.Equal("the-apps-own-system", system.Name);
            var registry = host.Services.GetRequiredService<ActorRegistry>();
            Assert.Equal("pong", await registry.Get<AppActor>().Ask<string>("ping", TimeSpan.FromSeconds(10)));
            Assert.True(registry.TryGet<NodeGuardian>(out _));

            var result = await host.Services.GetRequiredService<IHyperBeamClient>().ResolveAsync("/~greeting@1.0/hello");
            Assert.True(result.IsOk, result.ErrorMessage);
            Assert.Equal("Hello, world!", ((AoBinary)result.Value).Text);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task An_app_that_configures_Akka_before_the_node_gets_a_node_with_one_identity_made_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hb-hosting-test-" + Guid.NewGuid().ToString("N"));
        var keyFile = Path.Combine(folder, "new-key.json");
        var builder = Host.CreateApplicationBuilder();
        // Akka first: its hosted service starts (and configures the node's modules) before the node's own opening.
        builder.Services.AddAkka("the-apps-own-system", (akka, provider) =>
        {
            akka.AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend);
            akka.WithHyperBeam(provider);
        });
        builder.Services.AddHyperBeamServices(options =>
        {
            TestNodes.InMemory(options);
            options.KeyFile = keyFile;
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var saved = Wallet.Load(keyFile);
            Assert.Equal(saved.Address, host.Services.GetRequiredService<NodeState>().Address);
            Assert.Equal(saved.Address, host.Services.GetRequiredService<AssignmentSigner>().Address);
            var result = await host.Services.GetRequiredService<IHyperBeamClient>().ResolveAsync("/~meta@1.0/info");
            Assert.True(result.IsOk, result.ErrorMessage);
        }
        finally
        {
            await host.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class AppActor : ReceiveActor
    {
        public AppActor() => Receive<string>(_ => Sender.Tell("pong"));
    }
}
