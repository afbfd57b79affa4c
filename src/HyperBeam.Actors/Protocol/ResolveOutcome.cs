using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>What a <see cref="ResolveJob"/> came to; <paramref name="Shared"/> when it joined another's run.</summary>
public sealed record ResolveOutcome(ResolveResult Result, bool Shared);
