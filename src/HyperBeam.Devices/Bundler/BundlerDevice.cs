using HyperBeam.Core.Commitments;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Devices.Bundler;

/// <summary>
/// <c>bundler@1.0</c> (HyperBEAM's <c>dev_bundler</c>), the upload endpoint: <c>POST /~bundler@1.0/tx</c> (or
/// <c>item</c>) with a signed message — an ANS-104 data item sent with <c>codec-device: ans104@1.0</c>, or any
/// httpsig-signed message — stores it in the node's cache, content-addressed, so that later messages refer to it by
/// ID (a process's Lua <c>module</c>, say) and <c>GET /ID</c> serves it back with its signature.
/// <list type="bullet">
/// <item>The item is the request with only the keys its signatures cover (HyperBEAM's <c>with_only_committed</c>:
///   the <c>path</c> and <c>method</c> its URL gave it fall away), or the message under the key named by
///   <c>bundler-subject</c>. It must be signed (400 <c>unsigned-item</c>) and every signature must verify
///   (400 <c>signature-verification-failed</c>).</item>
/// <item>At most <c>bundler-max-item-bytes</c> of content (the node message's option; default
///   <see cref="DefaultMaxItemBytes"/>): a larger item is a 413.</item>
/// <item>Answers <c>{id, timestamp}</c>: the item's signed ID (for a data item, the ID arbundles gives it).</item>
/// </list>
/// Storing a user's signed item is not node authority: nothing is signed by the node, no cache-writer rights are
/// needed, and the item carries only its signer's word. Unlike HyperBEAM, nothing is queued for Arweave: this node
/// has no Arweave uplink; the item is kept and served.
/// </summary>
public sealed class BundlerDevice : Device
{
    public const string DeviceName = "bundler@1.0";
    public const long DefaultMaxItemBytes = 10L << 20;
    public const string MaxItemBytesOption = "bundler-max-item-bytes";

    private readonly MessageCache _cache;

    public BundlerDevice(MessageCache cache)
        : base(DeviceName, new DeviceInfo { Exports = ["tx", "item"] })
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        Map("tx", UploadAsync);
        Map("item", UploadAsync);
    }

    private async ValueTask<ResolveResult> UploadAsync(Message @base, Message request, ResolveContext context)
    {
        var item = request.GetText("bundler-subject") is { } subject
            ? request.Get(subject) as Message
            : UploadedItem.Committed(request);
        if (item is null) return Status(400, "invalid-item", "bundler-subject names no message of the request");
        var limit = NodeMessageOptions.GetInteger(context.Node, MaxItemBytesOption, DefaultMaxItemBytes, 0, long.MaxValue);
        var size = ContentBytes(item, limit);
        if (size > limit) return Status(413, "item-too-large", $"the item holds more than {limit} bytes ({MaxItemBytesOption})");

        switch (UploadedItem.Check(item))
        {
            case UploadedItem.Verdict.Unsigned:
                return Status(400, "invalid-item", "unsigned-item");
            case UploadedItem.Verdict.Invalid:
                return Status(400, "invalid-item", "signature-verification-failed");
        }
        await _cache.WriteAsync(item, context.CancellationToken).ConfigureAwait(false);
        return ResolveResult.Ok(Message.Of(
            ("id", UploadedItem.SignedId(item)),
            ("timestamp", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())));
    }

    /// <summary>The bytes of every binary in the item, counted until <paramref name="stopAbove"/> is passed.</summary>
    private static long ContentBytes(AoValue value, long stopAbove)
    {
        long total = 0;
        var pending = new Stack<AoValue>();
        pending.Push(value);
        while (pending.Count > 0 && total <= stopAbove)
        {
            switch (pending.Pop())
            {
                case AoBinary b:
                    total += b.Length;
                    break;
                case Message m:
                    foreach (var (key, v) in m.Entries)
                    {
                        total += key.Length;
                        pending.Push(v);
                    }
                    break;
                case AoList l:
                    foreach (var v in l) pending.Push(v);
                    break;
            }
        }
        return total;
    }

    private static ResolveResult Status(int status, string error, string details) =>
        new(ResolveStatus.Error, Message.Of(("status", status), ("error", error), ("details", details), ("body", details)), details);
}
