using System.Text;
using HyperBeam.Wasm.Emscripten;
using Wasmtime;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// One process's module instance. <c>handle(message, env)</c> runs with the JSON strings written through the module's
/// own <c>malloc</c>; the result is the C string it returns. A call that traps (or runs out of fuel, time or memory)
/// leaves the process as it was before the call: the memory after every call is kept (<see cref="Checkpoint"/>) and a
/// failed call's instance is replaced by a fresh one holding it. Not thread-safe: one call at a time, on an <see cref="AosThread"/>.
/// </summary>
internal sealed class AosInstance : IDisposable
{
    private readonly EmscriptenModule _module;
    private readonly AosOptions _options;
    private EmscriptenInstance _instance;

    private AosInstance(EmscriptenModule module, AosOptions options, EmscriptenInstance instance, AosMemory? restored)
    {
        _module = module;
        _options = options;
        _instance = instance;
        // A restored instance holds exactly the memory it was restored from: that is its checkpoint, not a copy of it.
        Checkpoint = restored is not null && restored.Size == instance.Memory.GetLength() ? restored : Capture();
    }

    /// <summary>The process's state after its last call that returned (the state a failed call goes back to).</summary>
    public AosMemory Checkpoint { get; private set; }

    public string ModuleId { get; private init; } = "";

    public long LastUsed { get; set; }

    /// <summary>A fresh instance, or one holding <paramref name="memory"/>. Throws <see cref="EmscriptenFailure"/> when the module's start traps.</summary>
    public static AosInstance Create(EmscriptenModule module, string moduleId, AosOptions options, AosMemory? memory)
    {
        var instance = Instantiate(module, options, memory);
        return new AosInstance(module, options, instance, memory) { ModuleId = moduleId };
    }

    /// <summary>A new instance of <paramref name="instance"/>'s module holding its memory after its last call (a dry run's copy).</summary>
    public static AosInstance Fork(AosInstance instance, AosOptions options) =>
        Create(instance._module, instance.ModuleId, options, instance.Checkpoint);

    /// <summary>Calls <c>handle</c>: the returned text, or the failure (the process is then back where it was).</summary>
    public (string? Result, string? Output, EmscriptenFailure? Failure) Handle(byte[] message, byte[] environment, ulong timestampMs, string seed)
    {
        try
        {
            var system = _instance.System;
            system.ClockNanoseconds = timestampMs * 1_000_000;
            system.SeedRandom(Encoding.UTF8.GetBytes(seed));
            var messagePointer = Write(message);
            var environmentPointer = Write(environment);
            var returned = _instance.Call("handle", Pointer(messagePointer), Pointer(environmentPointer));
            var result = ReadString(ToLong(returned));
            // Modules that export no free (HyperBEAM's aos test builds) keep the strings, as HyperBEAM leaves them.
            if (_instance.Exports("free"))
            {
                _instance.Call("free", Pointer(messagePointer));
                _instance.Call("free", Pointer(environmentPointer));
            }
            var output = system.TakeOutput();
            Checkpoint = Capture();
            return (result, output.Length == 0 ? null : Encoding.UTF8.GetString(output), null);
        }
        catch (EmscriptenFailure failure)
        {
            Replace(Checkpoint);
            return (null, null, failure);
        }
        catch (Exception e) when (e is InvalidOperationException or WasmtimeException)
        {
            Replace(Checkpoint);
            return (null, null, new EmscriptenFailure(EmscriptenFailureKind.Trap, e.Message));
        }
    }

    /// <summary>
    /// The memory after a call. A memory small enough to ride in every computed state (<see cref="AosOptions.InlineStateBytes"/>)
    /// is compressed straight from the instance, as that state needs it anyway, and that is the checkpoint: no copy.
    /// A larger one is copied into the buffer the last checkpoint used when the size is the same (a new array of the
    /// memory's size per message was much of a message's cost); its image is then valid until the next call.
    /// </summary>
    private AosMemory Capture()
    {
        var memory = _instance.Memory.GetSpan(0, checked((int)_instance.Memory.GetLength()));
        var globals = _instance.ReadGlobals();
        if (memory.Length <= _options.InlineStateBytes) return AosMemory.Compress(memory, globals);
        var image = _checkpointImage is { } kept && kept.Length == memory.Length ? kept : new byte[memory.Length];
        memory.CopyTo(image);
        _checkpointImage = image;
        return new AosMemory(image, globals);
    }

    private byte[]? _checkpointImage;

    public void Dispose() => _instance.Dispose();

    private void Replace(AosMemory memory)
    {
        _instance.Dispose();
        _instance = Instantiate(_module, _options, memory);
    }

    private static EmscriptenInstance Instantiate(EmscriptenModule module, AosOptions options, AosMemory? memory)
    {
        var instance = module.Instantiate(new EmscriptenSystem(options.Host.MaxOutputBytes));
        if (memory is null) return instance;
        try
        {
            instance.RestoreMemory(memory.Image);
            instance.RestoreGlobals(memory.Globals);
            return instance;
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    private long Write(byte[] bytes)
    {
        var at = ToLong(_instance.Call("malloc", Pointer(bytes.Length)));
        if (at == 0) throw new InvalidOperationException("the module's malloc failed: no memory left for the message");
        bytes.CopyTo(_instance.Memory.GetSpan(at, bytes.Length));
        return at;
    }

    private string ReadString(long at)
    {
        if (at == 0) throw new InvalidOperationException("handle returned a null pointer");
        var length = _instance.Memory.GetLength();
        var limit = (int)Math.Min(_options.MaxResultBytes, length - at);
        var span = _instance.Memory.GetSpan(at, limit);
        var end = span.IndexOf((byte)0);
        if (end < 0) throw new InvalidOperationException($"handle returned a string longer than {_options.MaxResultBytes} bytes or unterminated");
        return Encoding.UTF8.GetString(span[..end]);
    }

    private ValueBox Pointer(long value) => _instance.Is64Bit ? value : (int)value;

    private static long ToLong(object? value) => value switch
    {
        int i => (uint)i,
        long l => l,
        _ => throw new InvalidOperationException("the module's function returned no pointer"),
    };
}
