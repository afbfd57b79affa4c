namespace HyperBeam.Wasm.Translation;

/// <summary>
/// Turns a module that uses the legacy exception-handling instructions (try, catch, catch_all, delegate, rethrow:
/// what emscripten's <c>-fwasm-exceptions</c> and aos-2 modules contain) into one that uses the final form
/// (try_table, throw_ref, exnref) that Wasmtime runs. Only the bodies that use legacy instructions are rewritten and
/// new block types are appended to the type section; a module without them, one that is not a binary module, or
/// one with GC types the decoder does not read, comes back as the same array, untouched.
/// </summary>
public static class LegacyExceptionTranslator
{
    /// <summary>The translated module, or <paramref name="module"/> itself when there is nothing to translate.</summary>
    /// <exception cref="InvalidDataException">The module is malformed where the translation has to read it.</exception>
    public static byte[] Translate(byte[] module)
    {
        try
        {
            return TranslateOrSame(module);
        }
        catch (NotSupportedException)
        {
            return module;
        }
    }

    /// <summary>
    /// <see cref="Translate"/> for a module about to be compiled: a module the translation cannot read is reported
    /// as an <see cref="InvalidOperationException"/> naming it, the error every module loader answers with a 4xx.
    /// </summary>
    public static byte[] TranslateForCompile(byte[] module, string name)
    {
        try
        {
            return Translate(module);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException($"module {name}: its exception handling cannot be translated: {e.Message}", e);
        }
    }

    /// <summary>Whether <see cref="Translate"/> would change the module.</summary>
    public static bool UsesLegacyExceptions(byte[] module) => !ReferenceEquals(Translate(module), module);

    private static byte[] TranslateOrSame(byte[] module)
    {
        var layout = WasmModuleLayout.Read(module);
        if (layout is null) return module;
        var codeIndex = layout.Sections.FindIndex(s => s.Id == WasmModuleLayout.CodeSection);
        if (codeIndex < 0) return module;
        var types = new AppendedTypes(layout.Types.Count);
        var (_, codeStart, codeEnd) = layout.Sections[codeIndex];
        var reader = new WasmReader(module, codeStart, codeEnd);
        var count = reader.Count();
        var bodies = new byte[]?[count];
        var spans = new (int Start, int End)[count];
        var changed = false;
        for (var i = 0; i < count; i++)
        {
            var size = reader.U32();
            var start = reader.Position;
            reader.Skip((int)Math.Min(size, int.MaxValue));
            spans[i] = (start, reader.Position);
            var body = WasmFunctionBody.Decode(module, start, reader.Position);
            if (!body.HasLegacyExceptionHandling) continue;
            var function = layout.ImportedFunctions + i;
            if (function >= layout.FunctionTypes.Count) throw reader.Malformed("more function bodies than functions");
            var parameters = (uint)layout.TypeAt(layout.FunctionTypes[function], reader).Params.Count;
            bodies[i] = LegacyTryFunction.Translate(module, body, layout, types, parameters);
            changed = true;
        }
        if (!changed) return module;

        var output = new WasmWriter(module.Length + module.Length / 8);
        output.Bytes(module.AsSpan(0, 8));
        var typesWritten = false;
        foreach (var (id, start, end) in layout.Sections)
        {
            if (!typesWritten && id != 0 && id != WasmModuleLayout.TypeSection && types.Encodings.Count > 0)
            {
                WriteTypeSection(output, module, 0, 0, 0, types);
                typesWritten = true;
            }
            if (id == WasmModuleLayout.TypeSection)
            {
                var typeReader = new WasmReader(module, start, end);
                var existing = typeReader.U32();
                WriteTypeSection(output, module, existing, typeReader.Position, end, types);
                typesWritten = true;
            }
            else if (id == WasmModuleLayout.CodeSection)
            {
                var code = new WasmWriter(end - start + end / 8);
                code.U32((uint)count);
                for (var i = 0; i < count; i++)
                {
                    var body = bodies[i] is { } translated ? translated : module.AsSpan(spans[i].Start, spans[i].End - spans[i].Start);
                    code.U32((uint)body.Length).Bytes(body);
                }
                WriteSection(output, id, code.Written);
            }
            else WriteSection(output, id, module.AsSpan(start, end - start));
        }
        return output.ToArray();
    }

    private static void WriteTypeSection(WasmWriter output, byte[] module, uint existing, int entriesStart, int entriesEnd, AppendedTypes types)
    {
        var section = new WasmWriter(entriesEnd - entriesStart + 64);
        section.U32(existing + (uint)types.Encodings.Count).Bytes(module.AsSpan(entriesStart, entriesEnd - entriesStart));
        foreach (var encoding in types.Encodings) section.Bytes(encoding);
        WriteSection(output, WasmModuleLayout.TypeSection, section.Written);
    }

    private static void WriteSection(WasmWriter output, byte id, ReadOnlySpan<byte> payload) =>
        output.Byte(id).U32((uint)payload.Length).Bytes(payload);
}
