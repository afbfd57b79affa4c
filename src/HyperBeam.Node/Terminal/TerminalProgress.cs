using System.Diagnostics;
using Spectre.Console;

namespace HyperBeam.Node.Terminal;

/// <summary>
/// Progress for long CLI work (<c>hb bench</c>, cluster start-up): a live Spectre.Console bar when standard output is a
/// terminal, one plain line per step otherwise (logs and pipes stay readable and free of escape codes).
/// </summary>
public sealed class TerminalProgress(TextWriter plain, bool interactive)
{
    /// <summary>Live bars only when both standard output and standard error are terminals.</summary>
    public static bool StdoutIsTerminal => !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected;

    /// <summary>Progress for a command: live when <paramref name="output"/> is the process's own terminal.</summary>
    public static TerminalProgress For(TextWriter output, TextWriter plain) =>
        new(plain, StdoutIsTerminal && ReferenceEquals(output, System.Console.Out));

    public bool IsInteractive { get; } = interactive;

    /// <summary>A line beside the progress (where the plain progress lines go): a figure that is not a report row.</summary>
    public void Note(string line) => plain.WriteLine(line);

    /// <summary>
    /// Runs <paramref name="work"/>, showing <paramref name="label"/> and how much of <paramref name="expected"/>
    /// has passed (the bar fills with time, since the work itself cannot say how far it is).
    /// </summary>
    public async Task<T> TrackAsync<T>(string label, TimeSpan expected, Func<Task<T>> work)
    {
        if (!IsInteractive)
        {
            plain.WriteLine(label);
            return await work();
        }
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(expected.TotalSeconds, 0.1));
                var clock = Stopwatch.StartNew();
                var running = work();
                while (!running.IsCompleted)
                {
                    task.Value = Math.Min(clock.Elapsed.TotalSeconds, task.MaxValue * 0.99);
                    await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(250)));
                }
                task.Value = task.MaxValue;
                return await running;
            });
    }
}
