using System.Globalization;
using System.Text;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// The Lua scripts wrk runs. Every script numbers wrk's threads (<c>setup</c>) and ends with <see cref="Done"/>.
/// Distinct requests never repeat within a run; a pool of pre-built requests is split between the threads (thread t
/// sends only the entries ≡ t modulo the thread count), so no two connections send the same request at once and the
/// node's in-flight dedup never folds two of them into one resolution.
/// </summary>
public static class WrkScripts
{
    private const string Setup = """
        local next_id = 1
        function setup(thread)
          thread:set("id", next_id)
          next_id = next_id + 1
        end

        """;

    /// <summary>Prints <see cref="WrkSummary"/>'s line when the run ends.</summary>
    public static string Done => $$"""
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("{{WrkSummary.LuaFormat}}", summary.requests, summary.duration, summary.bytes,
            e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(99)))
        end

        """;

    /// <summary>The same GET every time (wrk's own static request), with the summary at the end.</summary>
    public static string Static() => Done;

    /// <summary>
    /// GETs of <paramref name="prefix"/> + a token no other request of the run carries + <paramref name="suffix"/>:
    /// the token is the thread's number, a dash and the thread's request count.
    /// </summary>
    public static string Distinct(string prefix, string suffix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(suffix);
        return Setup + $$"""
            local sent = 0
            local prefix = {{LuaString(Encoding.UTF8.GetBytes(prefix))}}
            local suffix = {{LuaString(Encoding.UTF8.GetBytes(suffix))}}
            function request()
              sent = sent + 1
              return wrk.format("GET", prefix .. id .. "-" .. sent .. suffix)
            end

            """ + Done;
    }

    /// <summary>
    /// Cycles through whole raw HTTP requests built beforehand (signed ones, say), thread t of
    /// <paramref name="threads"/> taking entries t, t + threads, t + 2·threads… of the pool.
    /// </summary>
    public static string Pool(IReadOnlyList<byte[]> requests, int threads)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "wrk runs at least one thread");
        if (requests.Count == 0 || requests.Count % threads != 0)
            throw new ArgumentException($"the pool ({requests.Count} requests) must be a positive multiple of the thread count ({threads})", nameof(requests));
        var script = new StringBuilder(Setup);
        script.Append("local pool = {\n");
        foreach (var request in requests) script.Append("  ").Append(LuaString(request)).Append(",\n");
        script.Append(CultureInfo.InvariantCulture, $$"""
            }
            local threads = {{threads}}
            local sent = -1
            function request()
              sent = sent + 1
              return pool[((id - 1) + threads * sent) % #pool + 1]
            end

            """);
        return script.Append(Done).ToString();
    }

    /// <summary>A double-quoted Lua string of exactly these bytes (long brackets would turn CR LF into LF).</summary>
    public static string LuaString(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 2).Append('"');
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\') text.Append((char)b);
            else text.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
        }
        return text.Append('"').ToString();
    }
}
