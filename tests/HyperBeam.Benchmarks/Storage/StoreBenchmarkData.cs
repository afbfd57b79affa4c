namespace HyperBeam.Benchmarks.Storage;

/// <summary>The values and folders the store benchmarks share.</summary>
internal static class StoreBenchmarkData
{
    public const int Small = 100;
    public const int Large = 1024 * 1024;

    public static byte[] Value(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    public static string NewFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hb-bench", name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
