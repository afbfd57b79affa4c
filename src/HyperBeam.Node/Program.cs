using System.CommandLine;
using HyperBeam.Node;

// The `hb` executable. Each command lives in its own file and exposes `public static Command Create()`;
// adding a command is one line here.
var root = new RootCommand("hb: an AO-Core node for .NET on Akka.NET (a port of HyperBEAM)");
root.Subcommands.Add(VersionCommand.Create());
var run = RunCommand.Create();
root.Subcommands.Add(run);
root.Subcommands.Add(ResolveCommand.Create());
root.Subcommands.Add(KeygenCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
var parsed = root.Parse(args);
// `hb run` handles SIGINT/SIGTERM itself (StopSignals): a node stops when it has stopped, and the parser's handler
// would end the process with 143 after its two-second grace period, in the middle of start-up or shutdown.
var invocation = new InvocationConfiguration();
if (parsed.CommandResult.Command == run) invocation.ProcessTerminationTimeout = null;
return parsed.Invoke(invocation);
