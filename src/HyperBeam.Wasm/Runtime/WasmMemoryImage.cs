using Wasmtime;

namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// Linear memory as a byte image, as <c>hb_beamr</c> snapshots it: the whole memory from offset 0. Restoring grows
/// the memory to fit (within the store's limit) and writes the image back. Globals are not part of the image, as in
/// HyperBEAM: between calls a module's shadow stack is back at its start, so memory alone is the state.
/// </summary>
internal static class WasmMemoryImage
{
    public static (byte[]?, WasmFailure?) Read(Memory? memory)
    {
        if (memory is null) return ([], null);
        var length = memory.GetLength();
        if (length > Array.MaxLength)
            return (null, new WasmFailure(507, WasmErrorCodes.MemoryLimit, $"memory of {length} bytes is too large to snapshot"));
        return (memory.GetSpan(0, (int)length).ToArray(), null);
    }

    public static (bool, WasmFailure?) Write(Memory? memory, ReadOnlyMemory<byte> snapshot)
    {
        if (snapshot.IsEmpty) return (true, null);
        if (memory is null)
            return (false, new WasmFailure(400, WasmErrorCodes.BadSnapshot, "the snapshot has memory but the module exports none"));
        var pagesNeeded = (snapshot.Length + Memory.PageSize - 1) / Memory.PageSize;
        var pagesNow = memory.GetSize();
        if (pagesNeeded > pagesNow)
        {
            try
            {
                memory.Grow(pagesNeeded - pagesNow);
            }
            catch (WasmtimeException e)
            {
                return (false, new WasmFailure(413, WasmErrorCodes.MemoryLimit,
                    $"the snapshot needs {snapshot.Length} bytes of memory, more than this device allows: {WasmTraps.FirstLine(e.Message)}", true));
            }
        }
        snapshot.Span.CopyTo(memory.GetSpan(0, snapshot.Length));
        return (true, null);
    }
}
