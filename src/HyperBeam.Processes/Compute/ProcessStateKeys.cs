using System.Globalization;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>The keys dev_process keeps on a process state message, and small readers for them.</summary>
public static class ProcessStateKeys
{
    public const string ProcessDevice = "process@1.0";
    public const string Process = "process";
    public const string AtSlot = "at-slot";
    public const string Initialized = "initialized";
    public const string Results = "results";
    public const string Snapshot = "snapshot";
    public const string Slot = "slot";
    public const string Body = "body";

    /// <summary>An integer key given as an integer or as decimal text (as it arrives from a URL), else null.</summary>
    public static long? ReadInteger(Message message, string key) => message.Get(key) switch
    {
        AoInteger i => i.Value,
        AoBinary b when long.TryParse(b.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        AoFloat f when f.Value == Math.Floor(f.Value) && Math.Abs(f.Value) < 9e15 => (long)f.Value,
        _ => null,
    };

    /// <summary>The first state of a process: its message with device process@1.0 and a copy of itself under <c>process</c>.</summary>
    public static Message Initial(Message process) =>
        process.ContainsKey(Process)
            ? process.Set("device", ProcessDevice)
            : process.Set(Process, process).Set("device", ProcessDevice);
}
