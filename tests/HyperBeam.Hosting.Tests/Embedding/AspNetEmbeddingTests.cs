using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HyperBeam.Core.Messages;
using HyperBeam.Hosting.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting.Tests.Embedding;

public sealed class AspNetEmbeddingTests
{
    [Fact]
    public async Task An_aspnet_app_serves_its_own_endpoint_and_the_nodes_paths_from_one_kestrel()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddHyperBeam(options =>
        {
            TestNodes.InMemory(options);
            options.AddDevice(new GreetingDevice());
        });
        await using var app = builder.Build();
        app.MapGet("/app/hello", async (IHyperBeamClient node) =>
        {
            var result = await node.ResolveAsync("/~greeting@1.0/hello?name=app");
            return Results.Text(((AoBinary)result.Value).Text);
        });
        app.MapHyperBeam();
        await app.StartAsync();
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url) };

            Assert.Equal("Hello, app!", await http.GetStringAsync("/app/hello"));

            using var info = new HttpRequestMessage(HttpMethod.Get, "/~meta@1.0/info");
            info.Headers.Accept.ParseAdd("application/json");
            using var reply = await http.SendAsync(info);
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            var json = await reply.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrEmpty(json.GetProperty("address").GetString()));

            using var greeting = await http.GetAsync("/~greeting@1.0/hello?name=http");
            Assert.Equal(HttpStatusCode.OK, greeting.StatusCode);
            Assert.Equal("Hello, http!", await greeting.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
