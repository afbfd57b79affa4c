using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Hosting.Modules.Processes;

/// <summary>
/// The cache an execution step sees: it loads messages by ID (modules, images) but never answers or records a
/// result. A VM-backed device (wasm memory, Lua globals) must really run every slot: a cached answer would leave the
/// VM behind the state it is given. Results per slot are kept by the compute side itself.
/// </summary>
internal sealed class LoadOnlyCache(IResolutionCache inner) : IResolutionCache
{
    public ValueTask<ResolveResult?> LookupAsync(Message @base, Message request, ResolveOptions options, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ResolveResult?>(null);

    public ValueTask StoreAsync(Message @base, Message request, ResolveResult result, ResolveOptions options, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public ValueTask<Message?> LoadAsync(string id, ResolveOptions options, CancellationToken cancellationToken) =>
        inner.LoadAsync(id, options, cancellationToken);
}
