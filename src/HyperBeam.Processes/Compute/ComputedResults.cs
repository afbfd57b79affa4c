using System.Globalization;
using HyperBeam.Core.Messages;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// The state of a process after each slot, in the node's message cache as HyperBEAM's <c>dev_process_cache</c> keeps
/// it: the state written as a message, and <c>computed/&lt;process-id&gt;/slot/&lt;n&gt;</c> linked to it.
/// </summary>
public sealed class ComputedResults(MessageCache cache)
{
    public MessageCache Cache { get; } = cache ?? throw new ArgumentNullException(nameof(cache));

    public static StorePath PathOf(string processId, long slot) =>
        StorePath.Of("computed", processId, "slot", slot.ToString(CultureInfo.InvariantCulture));

    /// <summary>The state and its slot link in one batch: one atomic commit where the store has them.</summary>
    public async ValueTask WriteAsync(string processId, long slot, Message state, CancellationToken cancellationToken = default) =>
        await Cache.WriteResultAsync(PathOf(processId, slot).ToString(), state, cancellationToken).ConfigureAwait(false);

    /// <summary>The state after <paramref name="slot"/>, or null when it was never computed here.</summary>
    public async ValueTask<Message?> ReadAsync(string processId, long slot, CancellationToken cancellationToken = default) =>
        await Cache.ReadValueAsync(PathOf(processId, slot), cancellationToken).ConfigureAwait(false) as Message;
}
