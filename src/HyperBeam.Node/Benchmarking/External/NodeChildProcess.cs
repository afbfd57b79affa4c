using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// A real <c>hb run</c> as a child process: this executable again, on 127.0.0.1 with a port the OS picks, a fresh
/// temporary data folder (also its working directory, so no <c>appsettings.json</c> of the caller's applies), stopped
/// with SIGTERM (killed if it has not stopped in time) and its folder deleted on dispose.
/// </summary>
public sealed partial class NodeChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private const int Sigterm = 15;

    private readonly Process _process;
    private readonly string _dataDir;
    private readonly Task _drained;

    private NodeChildProcess(Process process, string dataDir, Uri url, Task drained)
    {
        _process = process;
        _dataDir = dataDir;
        Url = url;
        _drained = drained;
    }

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The processor time the node has used so far, all its threads.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <param name="environment">More environment variables for the node (<c>HB_*</c> options, say).</param>
    public static async Task<NodeChildProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-bench-node-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var info = HbStartInfo();
        foreach (var argument in new[] { "run", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir }) info.ArgumentList.Add(argument);
        info.WorkingDirectory = dataDir;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new IOException("hb run did not start");

        // Both pipes are read to the end so that the node never blocks on a full one; the last lines explain a failure.
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = new Queue<string>();
        async Task DrainAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                lock (tail)
                {
                    tail.Enqueue(line);
                    if (tail.Count > 20) tail.Dequeue();
                }
                if (ListeningLine().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        }
        var drained = Task.WhenAll(DrainAsync(process.StandardOutput), DrainAsync(process.StandardError));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        if (started != listening.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await drained;
            string lines;
            lock (tail) lines = string.Join('\n', tail);
            process.Dispose();
            HttpBench.DeleteQuietly(dataDir);
            throw new IOException($"hb run did not start listening within {StartTimeout.TotalSeconds:0} s:\n{lines}");
        }
        return new NodeChildProcess(process, dataDir, await listening.Task, drained);
    }

    /// <summary>SIGTERM, then a kill if the node has not stopped within <see cref="StopTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows() || Kill(_process.Id, Sigterm) != 0) _process.Kill(entireProcessTree: true);
            using var stop = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        await _drained;
        _process.Dispose();
        HttpBench.DeleteQuietly(_dataDir);
    }

    /// <summary>This executable: the apphost itself, or <c>dotnet hb.dll</c> when run through the muxer.</summary>
    private static ProcessStartInfo HbStartInfo()
    {
        var host = Environment.ProcessPath ?? throw new IOException("the path of this executable is unknown");
        if (!Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return new ProcessStartInfo(host);
        var info = new ProcessStartInfo(host);
        info.ArgumentList.Add(typeof(NodeChildProcess).Assembly.Location);
        return info;
    }

    // RunCommand's line: "<version> listening on http://127.0.0.1:PORT/ (address …".
    [GeneratedRegex(@"listening on (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
