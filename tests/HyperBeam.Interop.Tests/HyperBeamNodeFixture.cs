using HyperBeam.Tests.Shared;

namespace HyperBeam.Interop.Tests;

/// <summary>A real node on 127.0.0.1 for one test class: what the npm packages produce is sent to it over HTTP.</summary>
public sealed class HyperBeamNodeFixture : IAsyncLifetime
{
    public TestNode Node { get; private set; } = null!;

    public HttpClient Client => Node.Client;

    public async Task InitializeAsync() => Node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
