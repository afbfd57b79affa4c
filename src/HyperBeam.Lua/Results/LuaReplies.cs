using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Lua.Results;

/// <summary>The <c>{status, body}</c> error replies of the device, which the HTTP layer turns into that status.</summary>
internal static class LuaReplies
{
    public static ResolveResult Status(int status, string reason) =>
        new(status == 404 ? ResolveStatus.NotFound : ResolveStatus.Error, Message.Of(("status", status), ("body", reason)), reason);
}
