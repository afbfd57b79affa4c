using HyperBeam.Devices.Relay;

namespace HyperBeam.Devices.Tests.Support;

/// <summary>One <see cref="PeerServer"/> and one pooled relay client per test class.</summary>
public sealed class PeerFixture : IAsyncLifetime
{
    internal PeerServer Server { get; private set; } = null!;

    public HttpClient Client { get; } = RelayHttpClient.Create();

    public string Url => Server.Url;

    public async Task InitializeAsync() => Server = await PeerServer.StartAsync();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
