using System.Security.Cryptography;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Storage.Caching;

/// <summary>
/// Messages and results in a store, laid out as HyperBEAM's <c>hb_cache</c> lays them out:
/// <list type="bullet">
/// <item>every binary at <c>data/&lt;base64url SHA-256&gt;</c>, so identical binaries are stored once;</item>
/// <item>a message as a group at its unsigned ID, with one link per key of its TABM (<c>ID/key → data/…</c>, or
/// to the nested message's own group), so <c>ao-types</c> travels along and a read rebuilds the exact types;</item>
/// <item>each commitment ID (and the all-commitments ID) linked to the unsigned ID, so any ID reads it — after every
/// group of the write, and never over a group: an ID that is some message's unsigned ID names that message, even when
/// another message carries a copy of its commitments (a process state carries its process's);</item>
/// <item>results linked at their hashpath (<c>base/request</c>), so a repeated <c>ID/key</c> lookup is one read.</item>
/// </list>
/// A whole message is written as one <see cref="StoreBatch"/>: one atomic commit on RocksDB.
/// </summary>
public sealed class MessageCache(IStore store)
{
    /// <summary>The group of content-addressed binaries.</summary>
    public const string DataGroup = "data";

    /// <summary>Deepest nesting a read follows before calling the structure cyclic.</summary>
    public const int MaxReadDepth = 256;

    public IStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Where a binary lives: <c>data/&lt;base64url(SHA-256(bytes))&gt;</c>.</summary>
    public static StorePath DataPath(ReadOnlySpan<byte> bytes) => StorePath.Of(DataGroup, Base64Url.Encode(SHA256.HashData(bytes)));

    /// <summary>Writes a message; returns its unsigned ID.</summary>
    public async ValueTask<string> WriteAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var write = new StagedWrite();
        var id = await StageMessageAsync(message.WithoutPriv(), write, cancellationToken).ConfigureAwait(false);
        await write.LinkIdsAsync(Store, cancellationToken).ConfigureAwait(false);
        await Store.ApplyAsync(write.Batch, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Writes a binary at its content address; returns that path.</summary>
    public async ValueTask<StorePath> WriteBinaryAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var write = new StagedWrite();
        var path = await StageBinaryAsync(bytes, write, cancellationToken).ConfigureAwait(false);
        if (write.Batch.Count > 0) await Store.ApplyAsync(write.Batch, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>
    /// Caches a result at its hashpath (<c>base-id/request-id-or-key</c>): the message or binary is written and
    /// the hashpath linked to it. Returns where the result itself lives.
    /// </summary>
    /// <exception cref="ArgumentException">The result is neither a message nor a binary (HyperBEAM caches only those).</exception>
    public async ValueTask<StorePath> WriteResultAsync(string hashpath, AoValue result, CancellationToken cancellationToken = default)
    {
        var link = StorePath.Parse(hashpath);
        var write = new StagedWrite();
        var target = result switch
        {
            Message m => StorePath.Of(await StageMessageAsync(m.WithoutPriv(), write, cancellationToken).ConfigureAwait(false)),
            AoBinary b => await StageBinaryAsync(b.Memory, write, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"only messages and binaries are cached as results, not a {result.TypeName}", nameof(result)),
        };
        await write.LinkIdsAsync(Store, cancellationToken).ConfigureAwait(false);
        write.Batch.MakeLink(target, link);
        await Store.ApplyAsync(write.Batch, cancellationToken).ConfigureAwait(false);
        return target;
    }

    /// <summary>The message with this ID (unsigned or any commitment ID), or null.</summary>
    public async ValueTask<Message?> ReadAsync(string id, CancellationToken cancellationToken = default) =>
        await ReadValueAsync(StorePath.Parse(id), cancellationToken).ConfigureAwait(false) as Message;

    /// <summary>The cached result at a hashpath: a message or a binary, or null.</summary>
    public ValueTask<AoValue?> ReadResultAsync(string hashpath, CancellationToken cancellationToken = default) =>
        ReadValueAsync(StorePath.Parse(hashpath), cancellationToken);

    /// <summary>
    /// Whatever a path holds: a message (a group, rebuilt with its types) or a binary. A binary inside a message
    /// comes back as its TABM form (an integer as its digits): its type lives in the parent's <c>ao-types</c>.
    /// A group with a listed key that no longer reads (evicted from a memory store) is a miss, never half a message.
    /// </summary>
    public async ValueTask<AoValue?> ReadValueAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tabm = await ReadTabmAsync(path, [], cancellationToken).ConfigureAwait(false);
        return tabm is Message m ? StructuredCodec.FromTabm(m) : tabm;
    }

    /// <summary>Links <paramref name="link"/> to <paramref name="existing"/> (HyperBEAM's <c>hb_cache:link</c>).</summary>
    public ValueTask LinkAsync(string existing, string link, CancellationToken cancellationToken = default) =>
        Store.MakeLinkAsync(StorePath.Parse(existing), StorePath.Parse(link), cancellationToken);

    private async ValueTask<string> StageMessageAsync(Message rich, StagedWrite write, CancellationToken cancellationToken)
    {
        var id = MessageIds.Unsigned(rich);
        var group = StorePath.Of(id);
        write.MakeGroup(group);
        var tabm = StructuredCodec.ToTabm(rich);
        foreach (var (key, value) in tabm)
        {
            var target = value switch
            {
                AoBinary b => await StageBinaryAsync(b.Memory, write, cancellationToken).ConfigureAwait(false),
                // The nested group is named by the rich value's ID, the one a resolver computes for it.
                Message => StorePath.Of(await StageMessageAsync(RichChild(rich, key), write, cancellationToken).ConfigureAwait(false)),
                _ => throw new InvalidOperationException($"a TABM holds only binaries and messages, not a {value.TypeName}"),
            };
            write.Batch.MakeLink(target, group.Append(key));
        }
        foreach (var alternative in AlternativeIds(rich, id)) write.LinkId(group, StorePath.Of(alternative));
        return id;
    }

    private async ValueTask<StorePath> StageBinaryAsync(ReadOnlyMemory<byte> bytes, StagedWrite write, CancellationToken cancellationToken)
    {
        var path = DataPath(bytes.Span);
        // Stored once: neither twice in one batch nor again when the store already has it.
        if (write.AddBinary(path) && await Store.TypeAsync(path, cancellationToken).ConfigureAwait(false) != StoreEntryType.Simple)
            write.Batch.Write(path, bytes);
        return path;
    }

    /// <summary>The rich value behind a nested TABM message: a message, or a list that the TABM numbered.</summary>
    private static Message RichChild(Message rich, string key) => rich.Get(key) switch
    {
        Message m => m,
        AoList l => l.ToNumberedMessage(),
        var other => throw new InvalidOperationException($"TABM key '{key}' is a message but the value is a {other?.TypeName ?? "nothing"}"),
    };

    /// <summary>The commitment IDs and the all-commitments ID, besides the unsigned one.</summary>
    private static IEnumerable<string> AlternativeIds(Message rich, string unsignedId)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (rich.Get(MessageIds.CommitmentsKey) is Message commitments)
            foreach (var key in commitments.Keys) ids.Add(key);
        if (ids.Count > 0) ids.Add(MessageIds.All(rich));
        ids.Remove(unsignedId);
        return ids;
    }

    private async ValueTask<AoValue?> ReadTabmAsync(StorePath path, List<StorePath> ancestors, CancellationToken cancellationToken)
    {
        // The type first, as hb_cache does: in a chain it stops at the first store that knows the path, where a
        // read of a group (null) would fall through to every later store, remote ones included.
        switch (await Store.TypeAsync(path, cancellationToken).ConfigureAwait(false))
        {
            case StoreEntryType.Simple:
                return await Store.ReadAsync(path, cancellationToken).ConfigureAwait(false) is { } bytes ? new AoBinary(bytes) : null;
            case StoreEntryType.NotFound:
                return null;
        }
        var names = await Store.ListAsync(path, cancellationToken).ConfigureAwait(false);
        if (names is null) return null;
        var resolved = await Store.ResolveAsync(path, cancellationToken).ConfigureAwait(false);
        if (ancestors.Contains(resolved) || ancestors.Count >= MaxReadDepth)
            throw new StoreException(Store.Name, path, StoreErrorKind.LinkDepthExceeded,
                $"the message at '{path}' contains itself (through '{resolved}'): its links form a cycle");
        ancestors.Add(resolved);
        var builder = new MessageBuilder();
        foreach (var name in names)
        {
            var child = await ReadTabmAsync(resolved.AppendTrusted(name), ancestors, cancellationToken).ConfigureAwait(false);
            if (child is null) return null;
            builder.Set(name, child);
        }
        ancestors.RemoveAt(ancestors.Count - 1);
        return builder.Build();
    }
}
