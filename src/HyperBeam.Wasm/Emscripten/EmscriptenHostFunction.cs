using Wasmtime;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// An import the embedder answers itself (beyond the emscripten and WASI ones), keyed <c>module.name</c>. It runs on the
/// thread of the call that reached it and may read and write the instance's memory.
/// </summary>
public delegate void EmscriptenHostFunction(EmscriptenInstance instance, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results);
