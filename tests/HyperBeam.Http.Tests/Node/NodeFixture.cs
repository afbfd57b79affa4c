using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>One node shared by a test class (starting one costs a wallet and an actor system).</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public TestNode Node { get; private set; } = null!;

    public HttpClient Client => Node.Client;

    public async Task InitializeAsync() => Node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
