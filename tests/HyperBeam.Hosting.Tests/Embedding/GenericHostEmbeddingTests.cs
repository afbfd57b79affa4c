using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using HyperBeam.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyperBeam.Hosting.Tests.Embedding;

public sealed class GenericHostEmbeddingTests
{
    [Fact]
    public async Task A_generic_host_with_AddHyperBeam_resolves_its_custom_device_from_csharp()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddHyperBeam(options =>
        {
            TestNodes.InMemory(options);
            options.AddDevice(new GreetingDevice("Howdy"));
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<IHyperBeamClient>();
            var greeting = await client.ResolveAsync("/~greeting@1.0/hello?name=Ada");
            Assert.True(greeting.IsOk, greeting.ErrorMessage);
            Assert.Equal("Howdy, Ada!", ((AoBinary)greeting.Value).Text);

            var info = await client.ResolveAsync("/~meta@1.0/info");
            Assert.True(info.IsOk, info.ErrorMessage);
            Assert.NotNull(info.Message!.GetText("address"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task The_csharp_client_resolves_through_the_node_messages_request_and_response_hooks()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddHyperBeam(options =>
        {
            TestNodes.InMemory(options);
            options.AddDevice(Device.Create("hooks@1.0",
                ("request", (_, r, _) => ValueTask.FromResult(ResolveResult.Ok(r.Set("body", AoList.Of(Message.Of(("from", "request-hook")), "from"))))),
                ("response", (_, r, _) => ValueTask.FromResult(ResolveResult.Ok(r.Set("body", $"{r.GetText("body")}, then response-hook"))))));
            options.Configure(o => o with
            {
                NodeMessage = o.NodeMessage.Set("on", Message.Of(("request", Message.Of(("device", "hooks@1.0"))), ("response", Message.Of(("device", "hooks@1.0"))))),
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var result = await host.Services.GetRequiredService<IHyperBeamClient>().ResolveAsync("/anything");
            Assert.True(result.IsOk, result.ErrorMessage);
            Assert.Equal("request-hook, then response-hook", ((AoBinary)result.Value).Text);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_bad_path_from_csharp_is_a_400_result_not_an_exception()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddHyperBeam(TestNodes.InMemory);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var result = await host.Services.GetRequiredService<IHyperBeamClient>().ResolveAsync("/~meta@1.0/(info");
            Assert.False(result.IsOk);
            Assert.Equal(400, result.Message!.Get("status") is AoInteger i ? i.Value : 0);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Scheduling_on_a_process_the_node_does_not_know_says_so_with_404()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddHyperBeam(TestNodes.InMemory);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var result = await host.Services.GetRequiredService<IHyperBeamClient>().ScheduleAsync("some-process", Message.Of(("a", "1")));
            Assert.False(result.IsOk);
            Assert.Equal(404, result.Status);
            Assert.Contains("not known", result.Error);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_process_is_created_scheduled_and_computed_from_csharp_without_http()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddHyperBeam(TestNodes.InMemory);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var wallet = Wallet.Create();
            var process = HttpSigCommitments.Commit(Message.Of(
                ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"),
                ("execution-device", "lua@5.3a"), ("module", "function compute(base) base.n = (base.n or 0) + 1 return base end")), wallet);
            var pid = MessageIds.All(process);
            var client = host.Services.GetRequiredService<IHyperBeamClient>();

            var created = await client.ScheduleAsync(pid, process);
            Assert.True(created.IsOk, created.Error);
            Assert.Equal(0, created.Scheduled!.Slot);
            var next = await client.ScheduleAsync(pid, HttpSigCommitments.Commit(Message.Of(("target", pid), ("n", 1)), wallet));
            Assert.True(next.IsOk, next.Error);
            Assert.Equal(1, next.Scheduled!.Slot);

            // The process message is its own base (device process@1.0): compute to slot 1, then read n.
            // Slot 0 (the process message) and slot 1 each ran compute once.
            var state = await client.ResolveAsync([process, Message.Of(("path", "compute"), ("slot", 1)), "n"]);
            Assert.True(state.IsOk, state.ErrorMessage);
            Assert.Equal(2, ((AoInteger)state.Value).Value);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_process_computes_with_an_execution_device_the_app_added()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddHyperBeam(options =>
        {
            TestNodes.InMemory(options);
            options.AddDevice(new TallyDevice());
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var wallet = Wallet.Create();
            var process = HttpSigCommitments.Commit(Message.Of(
                ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"), ("execution-device", "tally@1.0")), wallet);
            var pid = MessageIds.All(process);
            var client = host.Services.GetRequiredService<IHyperBeamClient>();
            Assert.True((await client.ScheduleAsync(pid, process)).IsOk);
            Assert.True((await client.ScheduleAsync(pid, HttpSigCommitments.Commit(Message.Of(("target", pid)), wallet))).IsOk);

            var tally = await client.ResolveAsync([process, Message.Of(("path", "compute"), ("slot", 1)), "tally"]);
            Assert.True(tally.IsOk, tally.ErrorMessage);
            Assert.Equal(2, ((AoInteger)tally.Value).Value);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
