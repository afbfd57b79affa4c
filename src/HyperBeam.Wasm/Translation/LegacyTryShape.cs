namespace HyperBeam.Wasm.Translation;

/// <summary>What the analysis knows of one legacy try before its translation is written.</summary>
internal sealed class LegacyTryShape
{
    public const int None = -2, Caller = -1;

    /// <summary>The catch and catch_all instructions, in order.</summary>
    public List<int> Catches { get; } = [];

    /// <summary>For try … delegate: the try instruction it delegates to, or <see cref="Caller"/>.</summary>
    public int DelegateTarget { get; set; } = None;

    /// <summary>Some delegate rethrows into this try's body: it opens a block to catch them.</summary>
    public bool IsDelegateTarget { get; set; }

    /// <summary>The output position of that block, once written.</summary>
    public int DelegatePosition { get; set; }
}
