namespace HyperBeam.Storage;

/// <summary>
/// A store operation that failed (as opposed to a miss, which is a null or <see cref="StoreEntryType.NotFound"/>).
/// Names the store, the path and the cause.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(string store, StorePath? path, StoreErrorKind kind, string detail, Exception? inner = null)
        : base(Format(store, path, kind, detail, inner), inner)
    {
        Store = store;
        Path = path;
        Kind = kind;
        Detail = detail;
    }

    /// <summary>The store's name, e.g. <c>fs:/var/hb/cache</c>.</summary>
    public string Store { get; }

    /// <summary>The path the operation was about, when there was one.</summary>
    public StorePath? Path { get; }

    public StoreErrorKind Kind { get; }

    public string Detail { get; }

    private static string Format(string store, StorePath? path, StoreErrorKind kind, string detail, Exception? inner)
    {
        var at = path is null ? "" : $" at '{path}'";
        var cause = inner is null ? "" : $" ({inner.GetType().Name}: {inner.Message})";
        return $"Store {store}{at}: {kind}: {detail}{cause}";
    }
}
