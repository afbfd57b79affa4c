using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;

namespace HyperBeam.Http.Pipeline;

/// <summary>The node-message options the HTTP pipeline consults on every request (read by <see cref="NodeMessageOptions"/>).</summary>
internal static class NodeFlags
{
    public static bool ForceSignedReplies(Message node) => NodeMessageOptions.IsOn(node, "force_signed");

    public static bool ForceSignedRequests(Message node) => NodeMessageOptions.IsOn(node, "force_signed_requests");

    public static string DefaultCodec(Message node) => NodeMessageOptions.GetText(node, "default_codec") ?? "httpsig@1.0";

    /// <summary>A node is initialised unless its message says <c>initialized: false</c>.</summary>
    public static bool IsInitialized(Message node) => NodeMessageOptions.IsNotOff(node, "initialized");
}
