using HyperBeam.Core.Messages;
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
    public async Task Scheduling_without_processes_on_the_node_says_so_with_503()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddHyperBeam(TestNodes.InMemory);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var result = await host.Services.GetRequiredService<IHyperBeamClient>().ScheduleAsync("some-process", Message.Of(("a", "1")));
            Assert.False(result.IsOk);
            Assert.Equal(503, result.Status);
            Assert.Contains("no processes", result.Error);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
