using System.Collections.Concurrent;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Wasm.Tests.Support;

/// <summary>A resolution cache that only loads messages put into it by ID (never caches results).</summary>
public sealed class MemoryImageCache : IResolutionCache
{
    private readonly ConcurrentDictionary<string, Message> _messages = new(StringComparer.Ordinal);

    /// <summary>Stores <c>{body: image}</c> and returns its ID, as HyperBEAM's <c>cache_wasm_image</c>.</summary>
    public string PutImage(byte[] image)
    {
        var message = Message.Of(("body", image));
        var id = MessageIds.Unsigned(message);
        _messages[id] = message;
        return id;
    }

    public ValueTask<ResolveResult?> LookupAsync(Message @base, Message request, ResolveOptions options, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ResolveResult?>(null);

    public ValueTask StoreAsync(Message @base, Message request, ResolveResult result, ResolveOptions options, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public ValueTask<Message?> LoadAsync(string id, ResolveOptions options, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_messages.GetValueOrDefault(id));
}
