using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HyperBeam.Lua.Modules;

/// <summary>
/// The modules of a base message, in load order, plus the extra names its <c>sandbox</c> key asks to hide.
/// <see cref="Key"/> hashes all of it, so equal scripts load alike whatever message carried them (a VM is still one process's: see LuaDevice).
/// </summary>
public sealed class LuaModuleSet
{
    public LuaModuleSet(IReadOnlyList<LuaModule> modules, IReadOnlyList<string> extraSandboxedNames)
    {
        Modules = modules;
        ExtraSandboxedNames = extraSandboxedNames;
        Key = ComputeKey(modules, extraSandboxedNames);
    }

    public IReadOnlyList<LuaModule> Modules { get; }

    public IReadOnlyList<string> ExtraSandboxedNames { get; }

    /// <summary>Base64url SHA-256 of the names, sources and extra sandbox names, each length-prefixed.</summary>
    public string Key { get; }

    private static string ComputeKey(IReadOnlyList<LuaModule> modules, IReadOnlyList<string> extra)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = new byte[8];
        void Append(ReadOnlySpan<byte> bytes)
        {
            BinaryPrimitives.WriteInt64BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        foreach (var module in modules)
        {
            Append(Encoding.UTF8.GetBytes(module.Name));
            Append(module.Source.Span);
        }
        foreach (var name in extra) Append(Encoding.UTF8.GetBytes("sandbox:" + name));
        return Convert.ToBase64String(hash.GetHashAndReset()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
