namespace HyperBeam.Core.Resolution;

/// <summary>What the resolver does with a result's hashpath (HyperBEAM's <c>hashpath</c> option).</summary>
public enum HashpathMode
{
    /// <summary>Link the result to its inputs: <c>hashpath = HP(base) / request</c>.</summary>
    Update,

    /// <summary>Leave whatever hashpath the device returned.</summary>
    Ignore,

    /// <summary>Strip any hashpath from the result.</summary>
    Reset,
}
