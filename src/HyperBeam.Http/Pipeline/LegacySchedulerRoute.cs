using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Singleton;
using Microsoft.AspNetCore.Http;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// The legacy scheduler-unit API that aoconnect's <c>getMessages</c>, <c>getLastSlot</c> and <c>getMessageById</c>
/// call on the scheduler a process names: <c>GET /PID?from=&amp;to=&amp;limit=</c> (from and to are timestamps in
/// milliseconds) and <c>GET /MESSAGE-ID?process-id=PID</c>. Such a request becomes the process's
/// <c>schedule</c> read in <c>application/aos-2</c>, answered by <c>scheduler@1.0</c>. Only a GET of a bare ID with
/// one of those query keys is taken this way; every other <c>/ID</c> request reads the message as before.
/// </summary>
internal static class LegacySchedulerRoute
{
    private static readonly string[] LegacyKeys = ["from", "to", "limit", "process-id"];

    public static IReadOnlyList<ResolveInput> Apply(IReadOnlyList<ResolveInput> steps, HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || steps is not [ValueInput { Value: AoBinary id }] || !SingletonReader.IsId(id.Text)) return steps;
        var query = request.Query;
        if (!LegacyKeys.Any(query.ContainsKey)) return steps;
        var processId = query["process-id"].ToString() is { Length: > 0 } named ? named : id.Text;
        if (!SingletonReader.IsId(processId)) return steps;
        var read = new MessageBuilder()
            .Set("path", "schedule")
            .Set("method", "GET")
            .Set("accept", "application/aos-2");
        Copy(query, "from", "from-timestamp", read);
        Copy(query, "to", "to-timestamp", read);
        Copy(query, "limit", "limit", read);
        if (processId != id.Text) read.Set("message", id.Text);
        return [new ValueInput(AoBinary.FromString(processId)), new ValueInput(read.Build())];
    }

    private static void Copy(IQueryCollection query, string from, string to, MessageBuilder read)
    {
        if (query[from].ToString() is { Length: > 0 } value) read.Set(to, value);
    }
}
