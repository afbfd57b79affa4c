using System.Collections.Concurrent;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Lua.Tests;

/// <summary>A resolution cache that only loads messages by ID from a dictionary, counting the loads.</summary>
internal sealed class InMemoryResolutionCache : IResolutionCache
{
    private readonly ConcurrentDictionary<string, Message> _messages = new();
    private int _loads;

    public int Loads => _loads;

    public void Add(string id, Message message) => _messages[id] = message;

    public ValueTask<ResolveResult?> LookupAsync(Message @base, Message request, ResolveOptions options, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ResolveResult?>(null);

    public ValueTask StoreAsync(Message @base, Message request, ResolveResult result, ResolveOptions options, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public ValueTask<Message?> LoadAsync(string id, ResolveOptions options, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        return ValueTask.FromResult(_messages.TryGetValue(id, out var message) ? message : null);
    }
}
