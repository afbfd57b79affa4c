using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// The <c>import</c> key (HyperBEAM's <c>dev_wasm:import</c>): answers a module's import <c>module.func</c> by
/// resolving <c>[output-prefix]/stdlib/&lt;module&gt;/&lt;func&gt;</c> on the base, with the base placed at
/// <c>stdlib/&lt;module&gt;/state</c> so the library device sees the process state, and the request's <c>args</c>,
/// <c>module</c>, <c>func</c> and <c>func-sig</c> as parameters. The reply is <c>{results: [numbers], state}</c>.
/// When no library answers, the call is recorded under <c>results/[output-prefix]/undefined-calls</c> of the state
/// and answered with <c>[0]</c>, as HyperBEAM's stub does.
/// </summary>
internal static class WasmImportKey
{
    public static async ValueTask<ResolveResult> ImportAsync(Message @base, Message request, ResolveContext ctx)
    {
        var module = request.GetText("module");
        var function = request.GetText("func");
        if (string.IsNullOrEmpty(module) || string.IsNullOrEmpty(function))
            return WasmReplies.Failed(400, Runtime.WasmErrorCodes.ImportFailed, "import needs 'module' and 'func'");
        var prefix = WasmPaths.OutputPrefix(@base);
        var library = WasmPaths.Join(prefix, $"stdlib/{module}");
        var withState = WasmPaths.Set(@base, $"{library}/state", @base);
        // The library call is a helper step, as in HyperBEAM: its hashpath is never used, so none is computed.
        var options = ctx.Options with { Hashpath = HashpathMode.Ignore };
        var reply = await ctx.ResolveAsync(withState, request.Set("path", $"{library}/{function}"), options).ConfigureAwait(false);
        return reply.Status == ResolveStatus.NotFound ? Undefined(@base, request, prefix) : reply;
    }

    private static ResolveResult Undefined(Message @base, Message request, string prefix)
    {
        var path = WasmPaths.Join($"results/{prefix}".TrimEnd('/'), "undefined-calls");
        var earlier = WasmPaths.Get(@base, path) as AoList ?? AoList.Empty;
        var state = WasmPaths.Set(@base, path, new AoList(earlier.Items.Add(request.Remove("path"))));
        return ResolveResult.Ok(Message.Of(("state", state), ("results", AoList.Of(0))));
    }
}
