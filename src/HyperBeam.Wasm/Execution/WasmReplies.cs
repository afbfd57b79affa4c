using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Runtime;

namespace HyperBeam.Wasm.Execution;

/// <summary>
/// Failures as resolve results: a message <c>{status, error, body}</c> so the HTTP layer answers with the status
/// (4xx for what the caller or the module got wrong, 5xx for the node), plus the text as the error message.
/// </summary>
internal static class WasmReplies
{
    public static ResolveResult Failed(WasmFailure failure) =>
        new(failure.Status >= 500 ? ResolveStatus.Failure : ResolveStatus.Error,
            Message.Of(("status", failure.Status), ("error", failure.Code), ("body", failure.Message)),
            failure.Message, failure.Code);

    public static ResolveResult Failed(int status, string code, string message) =>
        Failed(new WasmFailure(status, code, message));
}
