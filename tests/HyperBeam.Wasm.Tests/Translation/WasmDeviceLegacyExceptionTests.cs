using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests.Translation;

/// <summary>wasm-64@1.0 translates legacy exception handling at compile time too.</summary>
public sealed class WasmDeviceLegacyExceptionTests : IDisposable
{
    private readonly WasmHost _host = new();

    [Fact]
    public async Task A_module_with_legacy_exception_handling_runs_on_the_wasm_device()
    {
        var id = _host.Cache.PutImage(LegacyEhModules.Read("legacy-eh.wasm"));
        var state = await _host.InitAsync(WasmHost.Process(id));
        Assert.Equal(new AoInteger(54), (await _host.CallAsync(state, "delegate_to_caller")).Value);
        Assert.Equal(new AoInteger(5), (await _host.CallAsync(state, "rethrow_1_from_nested_handler")).Value);
    }

    public void Dispose() => _host.Dispose();
}
