namespace HyperBeam.Tests.Shared;

/// <summary>What a finished child process left behind.</summary>
public sealed record ChildProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);
