using System.Runtime.InteropServices;

namespace HyperBeam.Node.Tests;

/// <summary>
/// The trim <c>hb run</c> does twice a minute: native memory freed behind a block still in use stays resident in
/// glibc's arena until it is trimmed. Residency is read per page with <c>mincore</c>, so what other tests allocate
/// meanwhile does not matter.
/// </summary>
public sealed class NativeHeapTrimmerTests
{
    private const int Chunks = 512;
    private const int ChunkBytes = 64 * 1024; // below glibc's mmap threshold: served from an arena
    private static readonly int Page = Environment.SystemPageSize;

    [Fact]
    public void A_trim_returns_freed_native_memory_that_a_live_block_keeps_in_the_arena()
    {
        if (!NativeHeapTrimmer.IsSupported) return; // no glibc, nothing to trim
        var chunks = new IntPtr[Chunks];
        for (var i = 0; i < Chunks; i++)
        {
            chunks[i] = Marshal.AllocHGlobal(ChunkBytes);
            for (var offset = 0; offset < ChunkBytes; offset += Page) Marshal.WriteByte(chunks[i], offset, 1);
        }
        var pin = Marshal.AllocHGlobal(ChunkBytes); // above the freed chunks: the arena's top cannot shrink past it
        try
        {
            foreach (var chunk in chunks) Marshal.FreeHGlobal(chunk);
            var before = ResidentPages(chunks);
            NativeHeapTrimmer.TrimNow();
            var after = ResidentPages(chunks);
            var total = Chunks * (ChunkBytes / Page - 2);
            Assert.True(before > total / 2, $"freed pages resident before the trim: {before} of {total}");
            Assert.True(after < before / 4, $"freed pages still resident after the trim: {after} (before: {before}) of {total}");
        }
        finally
        {
            Marshal.FreeHGlobal(pin);
        }
    }

    /// <summary>Resident pages strictly inside the chunks (their first and last pages may hold allocator headers).</summary>
    private static int ResidentPages(IntPtr[] chunks)
    {
        var resident = 0;
        var vector = new byte[ChunkBytes / Page];
        foreach (var chunk in chunks)
        {
            var first = (chunk + Page) & ~(nint)(Page - 1);
            var end = (chunk + ChunkBytes - Page) & ~(nint)(Page - 1);
            var pages = (int)((end - first) / Page);
            if (pages <= 0) continue;
            Assert.Equal(0, MinCore(first, (nuint)(pages * Page), vector));
            for (var i = 0; i < pages; i++) resident += vector[i] & 1;
        }
        return resident;
    }

    [DllImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static extern int MinCore(IntPtr address, nuint length, byte[] vector);
}
