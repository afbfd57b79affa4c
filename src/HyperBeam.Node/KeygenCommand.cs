using System.CommandLine;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Node;

/// <summary>
/// <c>hb keygen [path] [--force]</c>: creates an RSA-4096 Arweave key file (JWK, mode 0600) and prints its address.
/// An existing file is a node's identity, so it is only replaced with <c>--force</c>.
/// </summary>
public static class KeygenCommand
{
    public static readonly string DefaultPath = "./" + Wallet.DefaultKeyFile;

    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "Where to write the key file",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => DefaultPath,
        };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing key file" };

        var command = new Command("keygen", "Create a wallet key file (RSA-4096 JWK) and print its address");
        command.Arguments.Add(path);
        command.Options.Add(force);
        command.SetAction(parseResult =>
        {
            var file = parseResult.GetValue(path)!;
            var overwrite = parseResult.GetValue(force);
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;

            if (File.Exists(file) && !overwrite)
            {
                error.WriteLine($"hb keygen: '{file}' already exists; use --force to replace it.");
                return 1;
            }
            try
            {
                using var wallet = Wallet.Create();
                wallet.Save(file, overwrite);
                output.WriteLine(wallet.Address);
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"hb keygen: cannot write '{file}': {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
