using System.Runtime.InteropServices;
using KeraLua;

namespace HyperBeam.Lua.Vm;

/// <summary>
/// The allocator of one Lua state: counts the bytes the state holds and, while <see cref="Enforcing"/>, refuses to
/// grow past the limit. Lua turns a refused allocation into its own "not enough memory" error, so the cap needs no
/// error raised from .NET (a longjmp through managed frames is not safe). Host code (pushing arguments, reading
/// results, ao.* callbacks) runs with the cap lifted, so Lua can never raise while a .NET frame is on the stack.
/// </summary>
internal sealed class LuaMemoryLimiter
{
    private readonly long _limit;

    public LuaMemoryLimiter(long limitBytes)
    {
        _limit = limitBytes;
        // Held in a field: the native state calls it until it is closed, so the GC must not collect it.
        Allocator = Allocate;
    }

    public LuaAlloc Allocator { get; }

    public long UsedBytes { get; private set; }

    public long LimitBytes => _limit;

    /// <summary>Set only on the VM's thread, around Lua code.</summary>
    public bool Enforcing { get; set; }

    /// <summary>Whether an allocation was refused since the last <see cref="ResetLimitHit"/>.</summary>
    public bool LimitHit { get; private set; }

    public void ResetLimitHit() => LimitHit = false;

    private IntPtr Allocate(IntPtr ud, IntPtr ptr, UIntPtr osize, UIntPtr nsize)
    {
        try
        {
            // With ptr == NULL, osize is the kind of object being created, not a size.
            var oldSize = ptr == IntPtr.Zero ? 0L : (long)osize;
            if (nsize == UIntPtr.Zero)
            {
                if (ptr != IntPtr.Zero) Marshal.FreeHGlobal(ptr);
                UsedBytes -= oldSize;
                return IntPtr.Zero;
            }
            var newSize = (long)nsize;
            if (Enforcing && newSize > oldSize && UsedBytes + newSize - oldSize > _limit)
            {
                LimitHit = true;
                return IntPtr.Zero;
            }
            var block = ptr == IntPtr.Zero ? Marshal.AllocHGlobal((nint)newSize) : Marshal.ReAllocHGlobal(ptr, (nint)newSize);
            UsedBytes += newSize - oldSize;
            return block;
        }
        catch (OutOfMemoryException)
        {
            // Never let an exception cross into native code: a failed allocation is what Lua expects instead.
            LimitHit = true;
            return IntPtr.Zero;
        }
    }
}
