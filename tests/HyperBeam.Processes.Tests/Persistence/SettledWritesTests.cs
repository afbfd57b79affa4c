using Akka.TestKit.Xunit2;
using HyperBeam.Processes.Persistence.Journal;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>The journal's settle notices: many writes settled together reach the journal actor as one message.</summary>
public sealed class SettledWritesTests : TestKit
{
    [Fact]
    public void Notices_queued_before_the_journal_takes_them_are_told_once_and_taken_together_in_order()
    {
        var settled = new SettledWrites();
        var journal = CreateTestProbe();
        for (var i = 1; i <= 3; i++) settled.Notify(Notice("p-" + i), journal);

        journal.ExpectMsg<SettledWrites.Ready>();
        journal.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(["p-1", "p-2", "p-3"], settled.Drain().Select(n => n.PersistenceId));
    }

    [Fact]
    public void A_notice_queued_after_the_journal_took_the_others_is_told_again()
    {
        var settled = new SettledWrites();
        var journal = CreateTestProbe();
        settled.Notify(Notice("p-1"), journal);
        journal.ExpectMsg<SettledWrites.Ready>();
        Assert.Single(settled.Drain());

        settled.Notify(Notice("p-2"), journal);
        journal.ExpectMsg<SettledWrites.Ready>();
        Assert.Equal(["p-2"], settled.Drain().Select(n => n.PersistenceId));
        Assert.Empty(settled.Drain());
    }

    [Fact]
    public void A_notice_queued_while_the_journal_takes_the_others_is_taken_then_or_told_again()
    {
        var settled = new SettledWrites();
        var journal = CreateTestProbe();
        settled.Notify(Notice("p-1"), journal);
        journal.ExpectMsg<SettledWrites.Ready>();

        var taken = new List<string>();
        foreach (var notice in settled.Drain())
        {
            taken.Add(notice.PersistenceId);
            if (notice.PersistenceId == "p-1") settled.Notify(Notice("p-2"), journal);
        }
        // Queued after the flag was cleared: taken in the same pass, and told too (an empty second pass is harmless).
        Assert.Equal(["p-1", "p-2"], taken);
        journal.ExpectMsg<SettledWrites.Ready>();
        Assert.Empty(settled.Drain());
    }

    private static WriteSettled Notice(string persistenceId) => new(persistenceId, Task.CompletedTask, Pipelined: true);
}
