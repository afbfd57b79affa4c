using System.CommandLine;
using System.Text;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Node;

/// <summary>
/// <c>hb resolve &lt;path&gt; [--base JSON]</c>: resolves a path against a message given as JSON (json@1.0, so
/// numbers, booleans and lists keep their types) and prints the status, the hashpath and the result.
/// Exit code 0 for an ok result, 1 for any other status, 2 for unreadable input.
/// </summary>
public static class ResolveCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The path to resolve, e.g. a/b or /a/b" };
        var baseJson = new Option<string>("--base", "-b")
        {
            Description = "The base message as a JSON object (default: {})",
            DefaultValueFactory = _ => "{}",
        };
        var command = new Command("resolve", "Resolve a path against a message, without a node");
        command.Arguments.Add(path);
        command.Options.Add(baseJson);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            Message @base;
            try
            {
                @base = JsonCodec.Decode(Encoding.UTF8.GetBytes(parseResult.GetValue(baseJson)!));
            }
            catch (CodecException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"--base is not a usable message: {e.Message}");
                return 2;
            }
            var resolver = new Resolver(DeviceRegistry.Preloaded);
            var result = await resolver.ResolveAsync(@base, parseResult.GetValue(path)!.TrimStart('/'), cancellationToken: cancellationToken);
            output.WriteLine($"status: {ResolveStatusNames.ToAtom(result.Status).Name}");
            if (result.ErrorMessage is { } error) output.WriteLine($"error: {error}");
            if (result.Hashpath is { } hashpath) output.WriteLine($"hashpath: {hashpath}");
            output.WriteLine(result.Value switch
            {
                Message m => Encoding.UTF8.GetString(JsonCodec.Encode(m)),
                AoBinary b => b.Text,
                var other => other.ToString(),
            });
            return result.IsOk ? 0 : 1;
        });
        return command;
    }
}
