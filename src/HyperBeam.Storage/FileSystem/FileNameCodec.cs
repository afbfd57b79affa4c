using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Ids;

namespace HyperBeam.Storage;

/// <summary>
/// Maps path segments to file names. Most segments are their own file name. Two kinds are not: segments longer
/// than file systems allow (NAME_MAX is 255 bytes on Linux, store segments may be 512) and segments starting with
/// <c>~</c>, which is kept for the store's own entries. Those become <c>~</c> + base64url(SHA-256(segment)), and
/// the real name is kept in the group's <c>~names</c> folder so listings can give it back.
/// </summary>
internal static class FileNameCodec
{
    /// <summary>Folder of the original names of encoded entries, inside each group that has some.</summary>
    public const string NamesFolder = "~names";

    /// <summary>Folder, at the store's root, where values are written before being renamed into place.</summary>
    public const string TempFolder = "~tmp";

    /// <summary>Longest segment kept as it is; well under the 255-byte NAME_MAX of common file systems.</summary>
    private const int MaxPlainBytes = 200;

    public static bool NeedsEncoding(string segment) =>
        segment[0] == '~' || Encoding.UTF8.GetByteCount(segment) > MaxPlainBytes;

    public static string Encode(string segment) =>
        NeedsEncoding(segment) ? "~" + Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(segment))) : segment;

    /// <summary>True for a file name made by <see cref="Encode"/>; its real name is in the names folder.</summary>
    public static bool IsEncoded(string fileName) => fileName.Length == 44 && fileName[0] == '~';

    /// <summary>Entries of the store itself, never listed.</summary>
    public static bool IsReserved(string fileName) => fileName is NamesFolder or TempFolder;
}
