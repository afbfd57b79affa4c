using System.Net;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;
using static HyperBeam.Tests.Shared.ProcessHttp;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>scheduler@1.0 end to end: a real node, real HTTP, real SQLite journal.</summary>
public class SchedulerOverHttpTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private readonly ProcessHttp _http = new(signer.Wallet, "test-device@1.0");

    [Fact]
    public async Task A_process_is_created_scheduled_from_three_concurrent_clients_and_read_back()
    {
        await using var node = await TestNode.StartAsync();
        var process = _http.NewProcess();
        var pid = MessageIds.All(process);

        var (status, created) = await CreateAsync(node.Client, process);
        Assert.True(status == HttpStatusCode.OK, created.GetText("body"));
        Assert.Equal(0, Integer(created, "slot"));
        Assert.Equal(pid, created.GetText("process"));

        var clients = Enumerable.Range(0, 3).Select(_ => new HttpClient { BaseAddress = node.Node.Url }).ToList();
        var results = await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            var slots = new List<long>();
            for (var i = 0; i < 5; i++)
            {
                var (s, assignment) = await PostAsync(client, "/~scheduler@1.0/schedule", _http.NewMessage(pid, c * 10 + i));
                Assert.True(s == HttpStatusCode.OK, assignment.GetText("body"));
                slots.Add(Integer(assignment, "slot"));
            }
            return slots;
        })));
        clients.ForEach(c => c.Dispose());
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), results.SelectMany(s => s).Order());

        var slot = await GetOkAsync(node.Client, $"/~scheduler@1.0/slot?target={pid}");
        Assert.Equal(15, Integer(slot, "current"));

        var schedule = await GetOkAsync(node.Client, $"/~scheduler@1.0/schedule?target={pid}&from=0&to=20");
        var assignments = schedule.GetMessage("assignments")!;
        Assert.Equal(16, assignments.Count);
        Assert.Equal(pid, assignments.GetMessage("0")!.GetText("process"));

        var status2 = await GetOkAsync(node.Client, $"/~scheduler@1.0/status?target={pid}");
        Assert.Equal(15, Integer(status2, "current"));
        Assert.Equal(node.Node.Address, status2.GetText("address"));
    }

    /// <summary>The process's own paths: <c>/ID~process@1.0/schedule</c>, <c>…/slot</c>, <c>…/status</c> reach its scheduler.</summary>
    [Fact]
    public async Task The_process_paths_schedule_and_read_through_its_scheduler_device()
    {
        await using var node = await TestNode.StartAsync();
        var process = _http.NewProcess();
        var pid = MessageIds.All(process);
        Assert.Equal(HttpStatusCode.OK, (await CreateAsync(node.Client, process)).Status);

        for (var i = 1; i <= 2; i++)
        {
            var (status, assignment) = await PostAsync(node.Client, $"/{pid}~process@1.0/schedule", _http.NewMessage(pid, i));
            Assert.True(status == HttpStatusCode.OK, assignment.GetText("body"));
            Assert.Equal(i, Integer(assignment, "slot"));
        }
        Assert.Equal(2, Integer(await GetOkAsync(node.Client, $"/{pid}~process@1.0/slot"), "current"));
        Assert.Equal(2, Integer(await GetOkAsync(node.Client, $"/{pid}~process@1.0/status"), "current"));
        var page = await GetOkAsync(node.Client, $"/{pid}~process@1.0/schedule?from=1&to=2");
        Assert.Equal(2, page.GetMessage("assignments")!.Count);
    }

    [Fact]
    public async Task A_message_whose_signature_does_not_verify_is_refused_with_400()
    {
        await using var node = await TestNode.StartAsync();
        var process = _http.NewProcess();
        Assert.Equal(HttpStatusCode.OK, (await CreateAsync(node.Client, process)).Status);
        var message = _http.NewMessage(MessageIds.All(process), 1);
        using var request = HttpMessages.Request(HttpMethod.Post, "/~scheduler@1.0/schedule", message);
        request.Headers.Remove("n");
        request.Headers.Add("n", "2");
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        // A forged message inside an unsigned request is checked by the scheduler itself.
        var forged = message.Set("n", 3);
        var (status, reply) = await PostAsync(node.Client, "/~scheduler@1.0/schedule", Message.Of(("body", forged)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not valid", reply.GetText("body"));
    }

    [Fact]
    public async Task An_unknown_process_answers_404()
    {
        await using var node = await TestNode.StartAsync();
        var unknown = MessageIds.All(_http.NewProcess());
        using var slot = await node.Client.GetAsync($"/~scheduler@1.0/slot?target={unknown}");
        Assert.Equal(HttpStatusCode.NotFound, slot.StatusCode);
        var (status, _) = await PostAsync(node.Client, "/~scheduler@1.0/schedule", _http.NewMessage(unknown, 1));
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task After_a_restart_on_the_same_data_folder_the_slots_continue()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-sched-node-" + Guid.NewGuid().ToString("N"));
        try
        {
            var process = _http.NewProcess();
            var pid = MessageIds.All(process);
            await using (var first = await TestNode.StartAsync(o => o with { DataDir = dataDir }))
            {
                Assert.Equal(HttpStatusCode.OK, (await CreateAsync(first.Client, process)).Status);
                for (var i = 0; i < 3; i++)
                    Assert.Equal(HttpStatusCode.OK, (await PostAsync(first.Client, "/~scheduler@1.0/schedule", _http.NewMessage(pid, i))).Status);
            }
            await using var second = await TestNode.StartAsync(o => o with { DataDir = dataDir });
            Assert.Equal(3, Integer(await GetOkAsync(second.Client, $"/~scheduler@1.0/slot?target={pid}"), "current"));
            var (status, next) = await PostAsync(second.Client, "/~scheduler@1.0/schedule", _http.NewMessage(pid, 9));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(4, Integer(next, "slot"));
            // The process message was written to the node's store, under its ID.
            var loaded = await GetOkAsync(second.Client, $"/~cache@1.0/read?target={pid}");
            Assert.Equal("test-device@1.0", loaded.GetText("execution-device"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
