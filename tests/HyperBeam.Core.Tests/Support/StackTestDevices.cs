using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Tests.Support;

/// <summary>C# equivalents of the devices HyperBEAM's <c>dev_stack.erl</c> tests build inline.</summary>
public static class StackTestDevices
{
    /// <summary>
    /// generate_append_device: <c>append</c> adds the separator and the request's <c>bin</c> to <c>result</c> and
    /// answers with <paramref name="status"/>; on the third pass it stops and answers ok unchanged.
    /// </summary>
    public static Device Append(string name, string separator, ResolveStatus status = ResolveStatus.Ok, bool withSpecial = false)
    {
        DeviceFunction append = (b, r, _) =>
        {
            if (b.Get("pass") is AoInteger { Value: 3 }) return ValueTask.FromResult(ResolveResult.Ok(b));
            var existing = b.GetText("result") ?? throw new InvalidOperationException("no result to append to");
            var added = r.GetText("bin") ?? throw new InvalidOperationException("no bin to append");
            return ValueTask.FromResult(new ResolveResult(status, b.Set("result", existing + separator + added)));
        };
        return withSpecial
            ? Device.Create(name, ("append", append), ("special", (b, _, _) => ValueTask.FromResult(ResolveResult.Ok(b.Set("output", 1337)))))
            : Device.Create(name, ("append", append));
    }

    /// <summary>test_prefix_msg's device: copies request key <c>in/key</c> to <c>out/key</c> under the stack's prefixes.</summary>
    public static Device PrefixSet { get; } = Device.Create("prefix-set@1.0", ("prefix_set", async (b, r, c) =>
    {
        var input = (MessageDevice.GetValue(b, "input-prefix") as AoBinary)?.Text ?? "";
        var output = (MessageDevice.GetValue(b, "output-prefix") as AoBinary)?.Text ?? "";
        var key = Assert.IsType<AoBinary>(await c.GetAsync(r, "key")).Text;
        var value = await c.GetAsync(r, $"{input}/{key}") ?? throw new InvalidOperationException($"no {input}/{key}");
        return await c.SetAsync(b, $"{output}/{key}", value);
    }));

    /// <summary>transform_external_call_device_test's device: any key gets "-Cool" appended to its value.</summary>
    public static Device MakeCool { get; } = new("make-cool@1.0", new DeviceInfo
    {
        Handler = (b, _, c) =>
        {
            if (c.Key == "keys") return ValueTask.FromResult(ResolveResult.Ok(new AoList(b.Keys.Select(k => (AoValue)k))));
            var value = b.GetText(c.Key) ?? throw new InvalidOperationException($"no {c.Key}");
            return ValueTask.FromResult(ResolveResult.Ok(MessageDevice.SetValues(b, Message.Of((c.Key, value + "-Cool")))));
        },
    });
}
