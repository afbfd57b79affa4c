using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Hosting.Tests.Support;

/// <summary><c>greeting@1.0</c>: a custom device as an embedding app would write one. <c>hello</c> greets the request's <c>name</c>.</summary>
public sealed class GreetingDevice : Device
{
    public GreetingDevice(string greeting = "Hello") : base("greeting@1.0", new DeviceInfo { Exports = ["hello"] })
    {
        Map("hello", (_, request, _) => ValueTask.FromResult(ResolveResult.Ok(AoBinary.FromString($"{greeting}, {request.GetText("name") ?? "world"}!"))));
    }
}
