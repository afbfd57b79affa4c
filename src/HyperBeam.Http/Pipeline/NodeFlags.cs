using HyperBeam.Core.Messages;

namespace HyperBeam.Http.Pipeline;

/// <summary>The node-message options the HTTP pipeline consults on every request.</summary>
internal static class NodeFlags
{
    public static bool ForceSignedReplies(Message node) => IsTrue(node.Get("force_signed"));

    public static bool ForceSignedRequests(Message node) => IsTrue(node.Get("force_signed_requests"));

    public static string DefaultCodec(Message node) => node.GetText("default_codec") ?? "httpsig@1.0";

    /// <summary>A node is initialised unless its message says <c>initialized: false</c>.</summary>
    public static bool IsInitialized(Message node) => node.Get("initialized") switch
    {
        AoAtom a => a.AsBoolean != false,
        AoBinary b => b.Text != "false",
        _ => true,
    };

    private static bool IsTrue(AoValue? value) => value switch
    {
        AoAtom a => a.AsBoolean == true,
        AoBinary b => b.Text is "true" or "1",
        AoInteger i => i.Value != 0,
        _ => false,
    };
}
