using System.Text;
using HyperBeam.Storage.Tests.Support;
using HyperBeam.Tests.Shared;
using static HyperBeam.Storage.Tests.Support.Bytes;

namespace HyperBeam.Storage.Tests.Stores;

/// <summary>What only a file system store can get wrong: its layout on disk, damaged files, unwritable folders.</summary>
public sealed class FileSystemStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Groups_are_folders_values_files_and_links_relative_symlinks()
    {
        var root = _temp.Combine("store");
        await using (var store = new FileSystemStore(root))
        {
            await store.WriteAsync(P("data/abc"), Utf8("value"));
            await store.MakeLinkAsync(P("data/abc"), P("msg/key"));
        }
        Assert.True(Directory.Exists(Path.Combine(root, "data")));
        Assert.True(File.Exists(Path.Combine(root, "data", "abc")));
        var link = new FileInfo(Path.Combine(root, "msg", "key")).LinkTarget;
        Assert.Equal(Path.Combine("..", "data", "abc"), link);

        // Relative links survive moving the whole folder.
        var moved = _temp.Combine("moved");
        Directory.Move(root, moved);
        await using var reopened = new FileSystemStore(moved);
        Assert.Equal(Utf8("value"), await reopened.ReadAsync(P("msg/key")));
    }

    [Fact]
    public async Task A_missing_data_folder_is_created_with_its_parents()
    {
        var root = _temp.Combine("not", "yet", "there");
        await using var store = new FileSystemStore(root);
        Assert.True(Directory.Exists(root));
        await store.WriteAsync(P("k"), Utf8("v"));
        Assert.Equal(Utf8("v"), await store.ReadAsync(P("k")));
    }

    [Theory]
    [InlineData("flipped byte", "checksum")]
    [InlineData("truncated", "truncated")]
    [InlineData("empty file", "truncated")]
    [InlineData("foreign file", "bad magic")]
    [InlineData("appended garbage", "padded")]
    public async Task A_damaged_value_file_is_a_clear_corruption_error_never_data(string damage, string explanation)
    {
        var root = _temp.Combine("store");
        await using var store = new FileSystemStore(root);
        await store.WriteAsync(P("group/value"), Bytes.Random(4096, seed: 1));
        await store.MakeLinkAsync(P("group/value"), P("link"));
        var file = Path.Combine(root, "group", "value");
        var bytes = await File.ReadAllBytesAsync(file);
        byte[] damaged = damage switch
        {
            "flipped byte" => FlipLast(bytes),
            "truncated" => bytes[..(bytes.Length / 2)],
            "empty file" => [],
            "foreign file" => Encoding.UTF8.GetBytes("written by something else, as a plain HyperBEAM cache file would be"),
            "appended garbage" => [.. bytes, 1, 2, 3],
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
        await File.WriteAllBytesAsync(file, damaged);

        var e = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync(P("link")).AsTask());
        Assert.Equal(StoreErrorKind.Corrupt, e.Kind);
        Assert.Equal(P("group/value"), e.Path);
        Assert.Contains(explanation, e.Message);
        Assert.Contains(store.Name, e.Message);
    }

    [Fact]
    public async Task On_a_read_only_disk_writes_fail_clearly_and_leave_nothing_half_written()
    {
        var root = _temp.Combine("store");
        await using var store = new FileSystemStore(root);
        await store.WriteAsync(P("group/existing"), Utf8("old"));
        await using (await ReadOnlyFolder.MakeAsync(root))
        {
            var overwrite = await Assert.ThrowsAsync<StoreException>(() => store.WriteAsync(P("group/existing"), Bytes.Random(100_000, 3)).AsTask());
            Assert.Equal(StoreErrorKind.Io, overwrite.Kind);
            Assert.Equal(P("group/existing"), overwrite.Path);
            var fresh = await Assert.ThrowsAsync<StoreException>(() => store.WriteAsync(P("other/new"), Utf8("new")).AsTask());
            Assert.Equal(StoreErrorKind.Io, fresh.Kind);
            await Assert.ThrowsAsync<StoreException>(() => store.MakeLinkAsync(P("group/existing"), P("group/link")).AsTask());

            Assert.Equal(Utf8("old"), await store.ReadAsync(P("group/existing")));
            Assert.Equal(new[] { "existing" }, await store.ListAsync(P("group")));
            Assert.Equal(StoreEntryType.NotFound, await store.TypeAsync(P("other")));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "~tmp")));
    }

    [Fact]
    public async Task Leftover_temporary_files_of_a_crash_are_swept_on_open_and_never_listed()
    {
        var root = _temp.Combine("store");
        await using (var store = new FileSystemStore(root)) await store.WriteAsync(P("k"), Utf8("v"));
        await File.WriteAllBytesAsync(Path.Combine(root, "~tmp", "half-written"), [1, 2, 3]);
        await using var reopened = new FileSystemStore(root);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "~tmp")));
        // The store's own folders are out of reach: a "~tmp" segment names a different, hashed, entry.
        Assert.Equal(StoreEntryType.NotFound, await reopened.TypeAsync(StorePath.Of("~tmp")));
        Assert.Equal(Utf8("v"), await reopened.ReadAsync(P("k")));
    }

    [Fact]
    public async Task Names_too_long_for_the_file_system_are_kept_under_a_hash_with_their_real_name_recorded()
    {
        var root = _temp.Combine("store");
        var longName = new string('x', StorePath.MaxSegmentBytes);
        await using var store = new FileSystemStore(root);
        await store.WriteAsync(StorePath.Of("g", longName), Utf8("v"));
        var fileNames = Directory.EnumerateFileSystemEntries(Path.Combine(root, "g")).Select(Path.GetFileName).ToList();
        Assert.All(fileNames, n => Assert.True(Encoding.UTF8.GetByteCount(n!) <= 255));
        Assert.Equal(new[] { longName }, await store.ListAsync(P("g")));

        File.Delete(Directory.EnumerateFiles(Path.Combine(root, "g", "~names")).Single());
        var e = await Assert.ThrowsAsync<StoreException>(() => store.ListAsync(P("g")).AsTask());
        Assert.Equal(StoreErrorKind.Corrupt, e.Kind);
    }

    [Fact]
    public async Task A_link_pointing_outside_the_store_is_refused_as_corrupt()
    {
        var root = _temp.Combine("store");
        await using var store = new FileSystemStore(root);
        File.CreateSymbolicLink(Path.Combine(root, "escape"), "../../../etc");
        var e = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync(P("escape/passwd")).AsTask());
        Assert.Equal(StoreErrorKind.Corrupt, e.Kind);
    }

    private static byte[] FlipLast(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[^1] ^= 0xFF;
        return copy;
    }
}
