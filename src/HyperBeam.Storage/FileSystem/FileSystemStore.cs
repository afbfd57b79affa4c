using System.Text;

namespace HyperBeam.Storage;

/// <summary>
/// A store in a folder, as HyperBEAM's <c>hb_store_fs</c>: groups are folders, values are files, links are
/// symbolic links. Links are relative, so the folder can be moved or mounted elsewhere. A value is written to a
/// temporary file and renamed into place, so a reader (or a crash) never sees half of it; the file carries a
/// checksummed header (<see cref="ValueFile"/>), so damage reads as an error, never as data.
/// </summary>
public sealed class FileSystemStore : LinkedStore
{
    private readonly string _root;
    private readonly string _tempFolder;
    private readonly bool _syncWrites;

    /// <param name="folder">The data folder; created (with its parents) when missing.</param>
    /// <param name="syncWrites">
    /// Flush each value to the disk before renaming it into place. Off by default, as in HyperBEAM: the rename
    /// already protects against process crashes, and the header detects what a power cut can leave behind.
    /// </param>
    public FileSystemStore(string folder, bool syncWrites = false, int maxLinkDepth = DefaultMaxLinkDepth)
        : base("fs:" + Path.GetFullPath(folder), maxLinkDepth)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        _tempFolder = Path.Combine(_root, FileNameCodec.TempFolder);
        _syncWrites = syncWrites;
        try
        {
            Directory.CreateDirectory(_root);
            Directory.CreateDirectory(_tempFolder);
            // Leftovers of writes cut short by a crash; they were never visible under a real name.
            foreach (var stale in Directory.EnumerateFiles(_tempFolder)) File.Delete(stale);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(Name, null, StoreErrorKind.Io, $"cannot open the data folder '{_root}'", e);
        }
    }

    public string Folder => _root;

    private protected override bool DirectHitsAreResolved => false;

    internal override StoreNode Peek(StorePath path)
    {
        ThrowIfDisposed();
        var info = new FileInfo(Physical(path));
        var attributes = info.Attributes;
        if ((int)attributes == -1) return StoreNode.Missing;
        if ((attributes & FileAttributes.ReparsePoint) != 0) return StoreNode.LinkTo(DecodeLink(path, info.LinkTarget!));
        return (attributes & FileAttributes.Directory) != 0 ? StoreNode.Group : StoreNode.Value;
    }

    /// <remarks>
    /// Reads with plain blocking calls: .NET has no asynchronous file I/O on Linux, where an "async" read is this
    /// same blocking read on a pool thread plus two thread hops, which cost several times the read of a small value.
    /// </remarks>
    private protected override ValueTask<byte[]?> ReadResolvedAsync(StorePath resolved, CancellationToken cancellationToken)
    {
        var physical = Physical(resolved);
        try
        {
            using var handle = File.OpenHandle(physical, FileMode.Open, FileAccess.Read, FileShare.Read);
            var fileLength = RandomAccess.GetLength(handle);
            Span<byte> header = stackalloc byte[ValueFile.HeaderLength];
            if (fileLength >= ValueFile.HeaderLength) ReadExactly(handle, header, 0, resolved);
            var (length, problem) = ValueFile.ReadHeader(header, fileLength);
            if (problem is not null) throw new StoreException(Name, resolved, StoreErrorKind.Corrupt, problem);
            var payload = new byte[length];
            ReadExactly(handle, payload, ValueFile.HeaderLength, resolved);
            if (!ValueFile.ChecksumMatches(header, payload))
                throw new StoreException(Name, resolved, StoreErrorKind.Corrupt, "the value does not match its checksum");
            return ValueTask.FromResult<byte[]?>(payload);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Gone since it was peeked: a miss, as if the read had come first.
            return ValueTask.FromResult<byte[]?>(null);
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(physical))
        {
            // Turned into a folder since it was peeked.
            return ValueTask.FromResult<byte[]?>(null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(Name, resolved, StoreErrorKind.Io, "cannot read the value file", e);
        }
    }

    private protected override IReadOnlyList<string> ListResolved(StorePath resolved)
    {
        var folder = Physical(resolved);
        try
        {
            var names = new List<string>();
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
            {
                var fileName = Path.GetFileName(entry);
                if (FileNameCodec.IsReserved(fileName)) continue;
                names.Add(FileNameCodec.IsEncoded(fileName) ? ReadOriginalName(resolved, folder, fileName) : fileName);
            }
            return names;
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(Name, resolved, StoreErrorKind.Io, "cannot list the group's folder", e);
        }
    }

    /// <remarks>Blocking file calls, for the reason given at <see cref="ReadResolvedAsync"/>.</remarks>
    private protected override ValueTask ApplyCoreAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken)
    {
        foreach (var operation in operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Plan(operation, this) is not { } plan) continue;
            try
            {
                Execute(plan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreException(Name, plan.Target, StoreErrorKind.Io, $"cannot write the {plan.Kind.ToString().ToLowerInvariant()}", e);
            }
        }
        return ValueTask.CompletedTask;
    }

    private protected override ValueTask ResetCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Deleting the tree does not follow symbolic links: links are removed, never their targets.
            Directory.Delete(_root, recursive: true);
            Directory.CreateDirectory(_tempFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(Name, null, StoreErrorKind.Io, "cannot clear the data folder", e);
        }
        return ValueTask.CompletedTask;
    }

    private protected override ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    private void Execute(PlannedOperation plan)
    {
        if (plan.Target.Parent is { } parent) EnsureFolders(parent);
        switch (plan.Kind)
        {
            case PlannedKind.Group:
                EnsureFolders(plan.Target);
                break;
            case PlannedKind.Value:
                RecordOriginalName(plan.Target);
                WriteValueFile(Physical(plan.Target), plan.Value.Span);
                break;
            case PlannedKind.Link:
                RecordOriginalName(plan.Target);
                var physical = Physical(plan.Target);
                var relative = Path.GetRelativePath(Path.GetDirectoryName(physical)!, Physical(plan.LinkTarget!));
                var temp = NewTempPath();
                try
                {
                    File.CreateSymbolicLink(temp, relative);
                    PosixRename.Replace(temp, physical);
                }
                finally
                {
                    DeleteQuietly(temp);
                }
                break;
        }
    }

    private void WriteValueFile(string physical, ReadOnlySpan<byte> value)
    {
        var temp = NewTempPath();
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None,
                       preallocationSize: ValueFile.HeaderLength + value.Length))
            {
                RandomAccess.Write(handle, ValueFile.Header(value), 0);
                RandomAccess.Write(handle, value, ValueFile.HeaderLength);
                if (_syncWrites) RandomAccess.FlushToDisk(handle);
            }
            // rename(2): readers see the old file or the new one, never a mix.
            File.Move(temp, physical, overwrite: true);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; a file that ends early is corrupt.</summary>
    private void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset, StorePath path)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[done..], offset + done);
            if (read == 0) throw new StoreException(Name, path, StoreErrorKind.Corrupt, "the file ended before its declared length");
            done += read;
        }
    }

    /// <summary>Makes the folders of a group path, recording long names; a file on the way is an error.</summary>
    private void EnsureFolders(StorePath path)
    {
        for (var depth = 1; depth <= path.Depth; depth++)
        {
            var prefix = path.Prefix(depth);
            var folder = Physical(prefix);
            if (Directory.Exists(folder)) continue;
            if (File.Exists(folder) || new FileInfo(folder).LinkTarget is not null)
                throw new StoreException(Name, path, StoreErrorKind.NotAGroup, $"'{prefix}' holds a value or link, so nothing can be made beneath it");
            RecordOriginalName(prefix);
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Keeps the real name of an entry whose file name is encoded, in its group's names folder.</summary>
    private void RecordOriginalName(StorePath path)
    {
        if (!FileNameCodec.NeedsEncoding(path.Name)) return;
        var namesFolder = Path.Combine(ParentFolder(path), FileNameCodec.NamesFolder);
        var record = Path.Combine(namesFolder, FileNameCodec.Encode(path.Name));
        if (File.Exists(record)) return;
        Directory.CreateDirectory(namesFolder);
        var temp = NewTempPath();
        try
        {
            File.WriteAllBytes(temp, Encoding.UTF8.GetBytes(path.Name));
            File.Move(temp, record, overwrite: true);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    private string ReadOriginalName(StorePath group, string folder, string fileName)
    {
        var record = Path.Combine(folder, FileNameCodec.NamesFolder, fileName);
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(record));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoreException(Name, group, StoreErrorKind.Corrupt, $"the entry '{fileName}' has lost the record of its real name", e);
        }
    }

    /// <summary>
    /// Turns a symbolic link's relative text back into a store path. Links are only made beneath resolved
    /// folders, so the text is relative to the folder the store path names.
    /// </summary>
    private StorePath DecodeLink(StorePath link, string text)
    {
        var folder = ParentFolder(link);
        var absolute = Path.GetFullPath(Path.Combine(folder, text));
        if (!absolute.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new StoreException(Name, link, StoreErrorKind.Corrupt, $"the link points outside the store, to '{text}'");
        var fileNames = absolute[(_root.Length + 1)..].Split(Path.DirectorySeparatorChar);
        var segments = new string[fileNames.Length];
        var current = _root;
        for (var i = 0; i < fileNames.Length; i++)
        {
            segments[i] = FileNameCodec.IsEncoded(fileNames[i]) ? ReadOriginalName(link, current, fileNames[i]) : fileNames[i];
            current = Path.Combine(current, fileNames[i]);
        }
        try
        {
            return StorePath.Of(segments);
        }
        catch (InvalidStorePathException e)
        {
            throw new StoreException(Name, link, StoreErrorKind.Corrupt, $"the link's target '{text}' is not a store path", e);
        }
    }

    private string Physical(StorePath path)
    {
        var builder = new StringBuilder(_root);
        foreach (var segment in path.Segments) builder.Append(Path.DirectorySeparatorChar).Append(FileNameCodec.Encode(segment));
        return builder.ToString();
    }

    private string ParentFolder(StorePath path) => path.Parent is { } parent ? Physical(parent) : _root;

    private string NewTempPath() => Path.Combine(_tempFolder, Guid.NewGuid().ToString("N"));

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary name is never read; a leftover is swept when the store next opens.
        }
    }
}
