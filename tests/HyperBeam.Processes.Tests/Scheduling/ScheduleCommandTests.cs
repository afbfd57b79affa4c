using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>The message ID a schedule command carries links the hash chain, so it must be the ID of its message.</summary>
public class ScheduleCommandTests
{
    [Fact]
    public void The_command_carries_the_id_of_its_message()
    {
        var message = new MessageBuilder().Set("action", "one").Build();

        Assert.Equal(MessageIds.All(message), new Schedule("pid", message).MessageId);
    }

    [Fact]
    public void A_copy_with_another_message_carries_that_message_id_not_the_first_one()
    {
        var first = new MessageBuilder().Set("action", "one").Build();
        var second = new MessageBuilder().Set("action", "two").Build();

        var copy = new Schedule("pid", first) with { Message = second };

        Assert.Equal(MessageIds.All(second), copy.MessageId);
    }
}
