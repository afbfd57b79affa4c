using Akka.Configuration;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// Where Akka.Persistence.Sql keeps events, read from its journal plugin config (the table mapping it created the
/// table from), so rows written here are the rows its replay, its read journal and its deletes expect.
/// </summary>
public sealed record JournalTable(string? Schema, string Name, JournalColumns Columns, bool HasTags, bool HasWriterUuid)
{
    public static JournalTable From(Config pluginConfig)
    {
        ArgumentNullException.ThrowIfNull(pluginConfig);
        var mapping = pluginConfig.GetString("table-mapping", "default");
        var table = pluginConfig.GetConfig(mapping) ?? throw new ConfigurationException($"journal table mapping '{mapping}' is missing");
        var journal = table.GetConfig("journal");
        var columns = journal.GetConfig("columns");
        var tagMode = pluginConfig.GetString("tag-write-mode", "Csv");
        return new JournalTable(
            Schema: table.GetString("schema-name", null) is { Length: > 0 } schema ? schema : null,
            Name: journal.GetString("table-name", "journal"),
            Columns: new JournalColumns(
                Deleted: columns.GetString("deleted", "deleted"),
                PersistenceId: columns.GetString("persistence-id", "persistence_id"),
                SequenceNumber: columns.GetString("sequence-number", "sequence_number"),
                Created: columns.GetString("created", "created"),
                Tags: columns.GetString("tags", "tags"),
                Message: columns.GetString("message", "message"),
                Identifier: columns.GetString("identifier", "identifier"),
                Manifest: columns.GetString("manifest", "manifest"),
                WriterUuid: columns.GetString("writer-uuid", "writer_uuid")),
            // Tag-table mode maps no tags column (rows here carry no tags; a tagged event is refused, see the journal).
            HasTags: !tagMode.Equals("TagTable", StringComparison.OrdinalIgnoreCase),
            HasWriterUuid: journal.GetBoolean("use-writer-uuid-column", true));
    }

    /// <summary>The parameterised single-row insert (parameters <c>@p0</c>… in the order of <see cref="InsertedColumns"/>).</summary>
    public string InsertSql()
    {
        var columns = InsertedColumns();
        var name = Schema is null ? Quote(Name) : Quote(Schema) + "." + Quote(Name);
        return $"INSERT INTO {name} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
    }

    /// <summary>deleted, persistence id, sequence number, created, [tags], message, identifier, manifest, [writer uuid].</summary>
    public IReadOnlyList<string> InsertedColumns()
    {
        var c = Columns;
        var list = new List<string> { c.Deleted, c.PersistenceId, c.SequenceNumber, c.Created };
        if (HasTags) list.Add(c.Tags);
        list.AddRange([c.Message, c.Identifier, c.Manifest]);
        if (HasWriterUuid) list.Add(c.WriterUuid);
        return list;
    }

    /// <summary>An SQL identifier in double quotes (the journal's SQL for SQLite and PostgreSQL alike).</summary>
    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>The journal table's column names.</summary>
public sealed record JournalColumns(string Deleted, string PersistenceId, string SequenceNumber, string Created, string Tags,
    string Message, string Identifier, string Manifest, string WriterUuid);
