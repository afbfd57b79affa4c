using Akka.Actor;
using Akka.Event;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// Answers the sender of every process command that became a dead letter. An entity that stops abnormally (Akka stops
/// a persistent actor whose write failed) leaves the commands still in its mailbox to the dead letters; without an
/// answer their senders would wait for their ask timeout. The command was never read, so it is safe to send again.
/// </summary>
public sealed class UndeliveredCommandAnswerer : ReceiveActor
{
    public const string Name = "undelivered-commands";

    public UndeliveredCommandAnswerer()
    {
        Receive<DeadLetter>(letter => letter.Message is IProcessCommand, letter =>
        {
            if (letter.Sender.IsNobody()) return;
            var command = (IProcessCommand)letter.Message;
            letter.Sender.Tell(new ProcessCommandFailed(command.ProcessId, 503,
                $"process {command.ProcessId} stopped before it read this command; send it again"));
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new UndeliveredCommandAnswerer());

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
}
