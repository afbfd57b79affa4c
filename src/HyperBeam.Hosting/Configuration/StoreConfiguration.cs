using Akka.Configuration;
using Akka.Configuration.Hocon;
using HyperBeam.Storage;

namespace HyperBeam.Hosting.Configuration;

/// <summary>
/// Binds <c>hyperbeam.store</c> — a list of store objects, tried in order — to <see cref="StoreOptions"/>:
/// <code>store = [ { type = rocksdb, path = "store" }, { type = memory, max-bytes = 64 MiB } ]</code>
/// Keys are the option names of <see cref="StoreOptions"/> in kebab-case. Whether a setting suits its store type is
/// <see cref="StoreFactory"/>'s check; this one only rejects what cannot be read (unknown keys, a size that is not
/// one), naming the key, the value and what is allowed.
/// </summary>
internal static class StoreConfiguration
{
    private static readonly string[] Keys =
        ["type", "path", "max-bytes", "url", "timeout", "write-through", "sync-writes", "max-link-depth", "read-only"];

    public static IReadOnlyList<StoreOptions> Read(Config section)
    {
        if (!section.HasPath("store")) throw Invalid("hyperbeam.store", "(unset)", "a list of store objects, e.g. [ { type = rocksdb } ]");
        var value = section.GetValue("store");
        if (!value.IsArray())
            throw Invalid("hyperbeam.store", value.ToString(), "a list of store objects, e.g. [ { type = rocksdb, path = store } ]");
        var items = value.GetArray();
        var stores = new List<StoreOptions>(items.Count);
        for (var i = 0; i < items.Count; i++) stores.Add(ReadOne(items[i], $"hyperbeam.store[{i}]"));
        if (stores.Count == 0) throw Invalid("hyperbeam.store", "[]", "a list of at least one store");
        return stores;
    }

    private static StoreOptions ReadOne(HoconValue item, string name)
    {
        if (!item.IsObject()) throw Invalid(name, item.ToString(), "a store object such as { type = memory }");
        var fields = item.GetObject().Items;
        foreach (var key in fields.Keys)
            if (!Keys.Contains(key)) throw Invalid($"{name}.{key}", fields[key].ToString(), "one of the keys " + string.Join(", ", Keys));
        var config = new Config(new HoconRoot(item));
        string? Text(string key) => config.HasPath(key) ? config.GetString(key) : null;
        return new StoreOptions
        {
            Type = Text("type") ?? throw Invalid($"{name}.type", null, "one of " + string.Join(", ", StoreTypes.All)),
            Path = Text("path"),
            MaxBytes = Read<long>(config, "max-bytes", name, "a size in bytes (e.g. 64 MiB)", k => config.GetByteSize(k)),
            Url = Text("url"),
            Timeout = Read<TimeSpan>(config, "timeout", name, "a duration (e.g. 30 s)", k => config.GetTimeSpan(k)),
            WriteThrough = Read<bool>(config, "write-through", name, "on or off", k => config.GetBoolean(k)),
            SyncWrites = Read<bool>(config, "sync-writes", name, "on or off", k => config.GetBoolean(k)),
            MaxLinkDepth = Read<int>(config, "max-link-depth", name, "a whole number of hops", k => config.GetInt(k)),
            ReadOnly = Read<bool>(config, "read-only", name, "on or off", k => config.GetBoolean(k)),
        };
    }

    private static T? Read<T>(Config config, string key, string name, string allowed, Func<string, T?> read) where T : struct
    {
        if (!config.HasPath(key)) return null;
        try
        {
            return read(key) ?? throw Invalid($"{name}.{key}", config.GetString(key), allowed);
        }
        catch (Exception e) when (e is FormatException or ConfigurationException or OverflowException or ArgumentException)
        {
            throw Invalid($"{name}.{key}", config.GetString(key), allowed);
        }
    }

    public static NodeConfigurationException Invalid(string key, string? value, string allowed) =>
        new($"{key} = {(value is null ? "(unset)" : "'" + value + "'")} is not allowed: it must be {allowed}");
}
