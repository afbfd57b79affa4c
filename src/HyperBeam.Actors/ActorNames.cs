namespace HyperBeam.Actors;

/// <summary>Names of the node's top-level actors (their paths under /user).</summary>
public static class ActorNames
{
    public const string Guardian = "hyperbeam";
    public const string Protocol = "protocol";
}
