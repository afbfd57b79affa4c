using HyperBeam.Core.Messages;
using HyperBeam.Hosting;

namespace EmbeddedNode;

/// <summary>
/// The app: its own service (<see cref="Inventory"/>), a HyperBeam node in the same host with the app's device
/// (<see cref="InventoryDevice"/>), the app's own endpoints under <c>/api</c>, and the node's AO paths beside them.
/// Settings come from appsettings.json's <c>HyperBeam</c> section, <c>HB_*</c> variables and the command line.
/// </summary>
public static class EmbeddedNodeApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<Inventory>();
        builder.AddHyperBeam(node => node.AddDevice(context => new InventoryDevice(context.Services.GetRequiredService<Inventory>())));

        var app = builder.Build();
        app.MapPost("/api/stock/{item}/{count:long}", (string item, long count, Inventory inventory) => Results.Ok(new { item, count = inventory.Add(item, count) }));
        // The app's endpoint answers through the node, from C#, without an HTTP round trip.
        app.MapGet("/api/stock/{item}", async (string item, IHyperBeamClient node, CancellationToken cancellationToken) =>
        {
            var result = await node.ResolveAsync($"/~inventory@1.0/count?item={Uri.EscapeDataString(item)}", cancellationToken);
            return result.Value is Message m && m.Get("count") is AoInteger count
                ? Results.Ok(new { item, count = count.Value })
                : Results.Problem(result.ErrorMessage ?? "the node could not answer");
        });
        app.MapHyperBeam();
        return app;
    }
}
