using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// Finds the image bytes as <c>dev_wasm:init</c> does: <c>[input-prefix]/image</c> holds a message ID (loaded through
/// the resolution cache, its <c>body</c> is the image), a message whose <c>body</c> is the image, or the image itself;
/// without it the base's own <c>body</c> is the image. The bytes are a wasm binary or WAT text.
/// </summary>
internal static class WasmImageSource
{
    public static async ValueTask<(ReadOnlyMemory<byte> Image, WasmFailure? Failure)> LoadAsync(Message @base, ResolveContext ctx)
    {
        var path = WasmPaths.Join(WasmPaths.InputPrefix(@base), "image");
        switch (WasmPaths.Get(@base, path))
        {
            case AoBinary id when id.Length is 43 && id.IsUtf8 && IsBase64Url(id.Text):
                return await LoadByIdAsync(id.Text, ctx).ConfigureAwait(false);
            case AoBinary image:
                return Found(image, path);
            case Message message:
                return Found(message.Get("body") as AoBinary, $"{path}/body");
            case null when @base.Get("body") is AoBinary body:
                return Found(body, "body");
            default:
                return (default, new WasmFailure(400, WasmErrorCodes.NoImage, $"No viable image found in {path}."));
        }
    }

    private static async ValueTask<(ReadOnlyMemory<byte>, WasmFailure?)> LoadByIdAsync(string id, ResolveContext ctx)
    {
        if (ctx.Options.Cache is not { } cache)
            return (default, new WasmFailure(503, WasmErrorCodes.ImageNotFound, $"image {id} cannot be loaded: this node has no cache"));
        var message = await cache.LoadAsync(id, ctx.Options, ctx.CancellationToken).ConfigureAwait(false);
        return message is null
            ? (default, new WasmFailure(404, WasmErrorCodes.ImageNotFound, $"image {id} is not in the cache"))
            : Found(message.Get("body") as AoBinary, $"{id}/body");
    }

    private static (ReadOnlyMemory<byte>, WasmFailure?) Found(AoBinary? image, string where) =>
        image is { IsEmpty: false }
            ? (image.Memory, null)
            : (default, new WasmFailure(400, WasmErrorCodes.NoImage, $"the image at {where} is empty or not a binary"));

    private static bool IsBase64Url(string text)
    {
        foreach (var c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return true;
    }
}
