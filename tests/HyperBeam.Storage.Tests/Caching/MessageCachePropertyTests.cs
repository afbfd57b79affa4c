using HyperBeam.Core.Ids;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage.Tests.Support;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Storage.Tests.Caching;

/// <summary>Any message written reads back equal, with its types, by its ID.</summary>
public sealed class MessageCachePropertyTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("memory", 300)]
    [InlineData("rocksdb", 100)]
    [InlineData("fs", 40)]
    public async Task Random_messages_round_trip(string kind, int count)
    {
        await using var store = StoreKinds.Open(kind, _temp);
        var cache = new MessageCache(store);
        for (var seed = 0; seed < count; seed++)
        {
            var message = new RandomMessages(seed).Next();
            var id = await cache.WriteAsync(message);
            Assert.Equal(MessageIds.Unsigned(message), id);
            var read = await cache.ReadAsync(id);
            Assert.True(message.Equals(read), $"seed {seed} on {kind}: wrote {message}\n  read {read}");
        }
    }
}
