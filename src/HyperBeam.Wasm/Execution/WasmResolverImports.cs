using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// Answers a module's imports through AO-Core during one <c>compute</c> (HyperBEAM's <c>default_import_resolver</c>):
/// each import becomes an <c>import</c> request <c>{module, func, args, func-sig}</c> on the current state, whose reply
/// carries <c>results</c> (the numbers handed back to wasm) and optionally the next <c>state</c>.
/// </summary>
internal sealed class WasmResolverImports(WasmInstance instance, Message state, ResolveContext ctx) : IWasmImportHandler
{
    /// <summary>The state threaded through the imports; the message <c>compute</c> returns.</summary>
    public Message State { get; private set; } = state;

    public IReadOnlyList<AoValue> Answer(WasmImportCall call)
    {
        // Wasmtime calls imports synchronously but the resolver is async. This runs on the instance's own thread (see
        // WasmThread), never on a pool thread, so blocking it until the pool has resolved the import starves nothing.
        var pending = new PendingImport();
        _ = Task.Run(() => ResolveAsync(call, pending));
        try
        {
            pending.Done.Wait(ctx.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw new WasmImportException(new WasmFailure(499, WasmErrorCodes.ImportFailed,
                $"import {call.Module}.{call.Function} was cancelled"));
        }
        if (pending.Error is { } error)
            throw Failed(call, 500, $"threw {error.GetType().Name}: {error.Message}");
        var reply = pending.Reply;
        if (!reply.IsOk)
            throw Failed(call, reply.Status == ResolveStatus.NotFound ? 404 : 502, reply.ErrorMessage ?? reply.Value.ToString());
        if (reply.Value is Message answer && answer.GetMessage("state") is { } next) State = next;
        return Numbers(reply.Value) ?? throw Failed(call, 502, "answered no numeric results");
    }

    private async Task ResolveAsync(WasmImportCall call, PendingImport pending)
    {
        try
        {
            WasmImportScope.Enter(instance);
            var request = Message.Of(
                ("path", "import"),
                ("module", call.Module),
                ("func", call.Function),
                ("args", new AoList(call.Arguments)),
                ("func-sig", call.Signature));
            pending.Reply = await WasmImportKey.ImportAsync(State, request, ctx).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            pending.Error = e;
        }
        finally
        {
            pending.Done.Set();
        }
    }

    /// <summary>The reply's <c>results</c>: a list, a message with keys 1..n, or a single number.</summary>
    private static IReadOnlyList<AoValue>? Numbers(AoValue reply) => (reply as Message)?.Get("results") switch
    {
        AoList list => list.Items,
        Message numbered => Enumerable.Range(1, numbered.Count).Select(i => numbered.Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).OfType<AoValue>().ToArray(),
        AoInteger single => [single],
        AoFloat single => [single],
        AoBinary single => [single],
        _ => null,
    };

    private static WasmImportException Failed(WasmImportCall call, int status, string why) =>
        new(new WasmFailure(status, WasmErrorCodes.ImportFailed, $"import {call.Module}.{call.Function} failed: {why}"));

    /// <summary>The import's outcome, handed from the pool back to the instance thread.</summary>
    private sealed class PendingImport
    {
        // Not disposed: after a cancelled wait the resolution still finishes and sets it.
        public ManualResetEventSlim Done { get; } = new();

        public ResolveResult Reply { get; set; }

        public Exception? Error { get; set; }
    }
}
