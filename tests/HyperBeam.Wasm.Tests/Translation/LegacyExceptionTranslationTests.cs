using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.Tests.Aos;
using HyperBeam.Wasm.Translation;
using Wasmtime;

namespace HyperBeam.Wasm.Tests.Translation;

public sealed class LegacyExceptionTranslationTests
{
    [Theory]
    [InlineData("catch_param", "42")]
    [InlineData("no_throw", "7")]
    [InlineData("catch_two_params_across_calls", "42")]
    [InlineData("catch_all", "3")]
    [InlineData("multiple_catches", "205")]
    [InlineData("catch_all_after_catches", "300")]
    [InlineData("nested_try", "9")]
    [InlineData("rethrow_0", "12041")]
    [InlineData("rethrow_1_from_nested_handler", "5")]
    [InlineData("rethrow_0_from_nested_handler", "6")]
    [InlineData("delegate_to_try_in_handler", "96")]
    [InlineData("rethrow_catch_all", "77")]
    [InlineData("delegate_0", "13")]
    [InlineData("delegate_1", "22")]
    [InlineData("delegate_to_block", "33")]
    [InlineData("delegate_to_caller", "54")]
    [InlineData("branch_out_of_try_body", "61")]
    [InlineData("branch_out_of_handler", "62")]
    [InlineData("branch_to_try_label", "60")]
    [InlineData("loop_in_handler", "8")]
    [InlineData("try_with_params_and_results", "14")]
    [InlineData("try_with_params_no_throw", "30")]
    [InlineData("delegate_into_try_with_params", "24")]
    [InlineData("unreachable_after_throw", "70")]
    [InlineData("throw_from_handler_across_call", "81")]
    [InlineData("trap_is_not_caught", "trap")]
    [InlineData("uncaught", "exception")]
    public void A_translated_legacy_module_gives_the_known_answer(string export, string expected) =>
        Assert.Equal(expected, LegacyEhModules.RunOnWasmtime(LegacyEhModules.Read("legacy-eh.wasm"))[export]);

    [Fact]
    public async Task Every_export_translated_on_Wasmtime_answers_what_the_original_answers_on_node()
    {
        var node = (await LegacyEhModules.RunOnNodeAsync("legacy-eh.wasm")).Single();
        var wasmtime = LegacyEhModules.RunOnWasmtime(LegacyEhModules.Read("legacy-eh.wasm"));
        Assert.Equal(27, node.Count);
        Assert.Equal(node.OrderBy(p => p.Key), wasmtime.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Random_nests_of_try_catch_delegate_rethrow_and_branches_run_translated_as_node_runs_them()
    {
        using var folder = new HyperBeam.Tests.Shared.TempFolder();
        var seeds = Enumerable.Range(1, 40).ToArray();
        var paths = seeds.Select(seed =>
        {
            var path = Path.Combine(folder.Path, $"random-{seed}.wasm");
            File.WriteAllBytes(path, RandomLegacyEhModule.Generate(seed));
            return path;
        }).ToArray();
        var node = await LegacyEhModules.RunOnNodeAsync(paths);
        for (var i = 0; i < seeds.Length; i++)
        {
            var wasmtime = LegacyEhModules.RunOnWasmtime(File.ReadAllBytes(paths[i]));
            Assert.True(node[i].OrderBy(p => p.Key).SequenceEqual(wasmtime.OrderBy(p => p.Key)),
                $"seed {seeds[i]}: node {string.Join(", ", node[i])} | wasmtime {string.Join(", ", wasmtime)}");
        }
    }

    [Theory]
    [InlineData("everything", "154")]
    [InlineData("large_offset_traps", "trap")]
    [InlineData("multi_value", "20")]
    public void Simd_bulk_memory_tail_calls_and_memory64_memargs_pass_through_the_translation(string export, string expected) =>
        Assert.Equal(expected, LegacyEhModules.RunOnWasmtime(LegacyEhModules.Read("decoder-coverage.wasm"))[export]);

    [Fact]
    public void Wasmtime_refuses_the_legacy_instructions_so_the_translation_is_what_lets_them_run()
    {
        using var engine = LegacyEhModules.NewEngine();
        var refused = Assert.ThrowsAny<WasmtimeException>(() => Module.FromBytes(engine, "legacy", LegacyEhModules.Read("legacy-eh.wasm")));
        Assert.Contains("not valid", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_translation_leaves_no_legacy_instruction_and_a_second_pass_changes_nothing()
    {
        foreach (var name in new[] { "legacy-eh.wasm", "decoder-coverage.wasm" })
        {
            var original = LegacyEhModules.Read(name);
            Assert.True(LegacyExceptionTranslator.UsesLegacyExceptions(original));
            var translated = LegacyExceptionTranslator.Translate(original);
            Assert.Same(translated, LegacyExceptionTranslator.Translate(translated));
        }
        Assert.True(LegacyExceptionTranslator.UsesLegacyExceptions(AosCounterEh));
    }

    [Fact]
    public void A_module_without_legacy_exception_handling_comes_back_as_the_same_bytes()
    {
        var counter = AosTestProcess.CounterModule;
        Assert.Same(counter, LegacyExceptionTranslator.Translate(counter));
        var text = "(module)"u8.ToArray();
        Assert.Same(text, LegacyExceptionTranslator.Translate(text));
    }

    [Fact]
    public void A_truncated_module_with_legacy_instructions_is_refused_with_a_clear_error()
    {
        var module = LegacyEhModules.Read("legacy-eh.wasm");
        var truncated = module.AsSpan(0, module.Length - 40).ToArray();
        var refused = Assert.Throws<InvalidOperationException>(() => LegacyExceptionTranslator.TranslateForCompile(truncated, "cut"));
        Assert.Contains("module cut", refused.Message, StringComparison.Ordinal);
        Assert.Contains("malformed WebAssembly at offset", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_prefix_of_a_legacy_module_is_translated_or_refused_never_read_out_of_range()
    {
        var module = LegacyEhModules.Read("legacy-eh.wasm");
        for (var length = 8; length < module.Length; length++)
        {
            var prefix = module.AsSpan(0, length).ToArray();
            try
            {
                LegacyExceptionTranslator.Translate(prefix);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void A_module_with_bytes_flipped_at_random_is_translated_or_refused_as_malformed_never_anything_else()
    {
        var random = new Random(16);
        foreach (var name in new[] { "legacy-eh.wasm", "decoder-coverage.wasm" })
        {
            var module = LegacyEhModules.Read(name);
            for (var round = 0; round < 3000; round++)
            {
                var mutant = (byte[])module.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--) mutant[random.Next(8, mutant.Length)] = (byte)random.Next(256);
                try
                {
                    LegacyExceptionTranslator.Translate(mutant);
                }
                catch (InvalidDataException)
                {
                }
            }
        }
    }

    private static byte[] AosCounterEh => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter-eh.wasm"));
}
