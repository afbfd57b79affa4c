namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>The node's memory at one moment of the soak (time since the warm-up ended).</summary>
/// <param name="GcHeapBytes">The managed heap (<c>dotnet_total_memory_bytes</c> of the node's /metrics), when it answered.</param>
/// <param name="GcCommittedBytes">Memory the GC had committed at its last collection (the runtime meter's gauge in /metrics), when it answered.</param>
/// <param name="Requests">Requests answered so far (all kinds, warm-up included).</param>
public sealed record MemorySample(TimeSpan At, long RssBytes, long? GcHeapBytes, long? GcCommittedBytes, int Threads, long Requests);
