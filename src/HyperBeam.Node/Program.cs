using System.CommandLine;
using HyperBeam.Node;

// The `hb` executable. Each command lives in its own file and exposes `public static Command Create()`;
// adding a command is one line here.
var root = new RootCommand("hb: an AO-Core node for .NET on Akka.NET (a port of HyperBEAM)");
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ResolveCommand.Create());
root.Subcommands.Add(KeygenCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return root.Parse(args).Invoke();
