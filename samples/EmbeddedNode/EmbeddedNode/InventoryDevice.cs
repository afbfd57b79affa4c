using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace EmbeddedNode;

/// <summary>
/// <c>inventory@1.0</c>: the app's custom device, so AO clients can read the app's stock over the node's HTTP API.
/// <list type="bullet">
/// <item><c>count</c> — the stock of the request's <c>item</c> (400 without one).</item>
/// </list>
/// </summary>
public sealed class InventoryDevice : Device
{
    public const string DeviceName = "inventory@1.0";

    public InventoryDevice(Inventory inventory) : base(DeviceName, new DeviceInfo { Exports = ["count"] })
    {
        Map("count", (_, request, _) => ValueTask.FromResult(request.GetText("item") is { Length: > 0 } item
            ? ResolveResult.Ok(Message.Of(("item", item), ("count", inventory.CountOf(item))))
            : new ResolveResult(ResolveStatus.Error, Message.Of(("status", 400), ("body", "count needs an item")), "count needs an item")));
    }
}
