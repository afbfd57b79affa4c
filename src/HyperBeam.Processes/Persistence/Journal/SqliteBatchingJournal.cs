using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// The process journal on the node's SQLite file, every entity's writes batched into one transaction. With
/// <c>auto-initialize</c> on it creates its table itself (<see cref="SqliteJournalSchema"/>: without the two indexes
/// the plugin's own initialization would add again on every start and no query uses), before the plugin reads.
/// </summary>
public sealed class SqliteBatchingJournal(Config journalConfig) : BatchingSqlJournal(WithoutPluginInitialization(journalConfig)), IWithTimers
{
    private readonly Config _config = journalConfig.WithFallback(SqlPersistence.DefaultJournalConfiguration);
    private Exception? _schemaFailure;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>How long a journal whose table could not be made waits before it restarts to try again.</summary>
    public static TimeSpan SchemaRetryDelay { get; } = TimeSpan.FromSeconds(1);

    protected override void PreStart()
    {
        // Before the plugin starts: once started it may replay from the table at once.
        if (_config.GetBoolean("auto-initialize", false))
        {
            try
            {
                SqliteJournalSchema.From(_config).Ensure(_config.GetString("connection-string", ""));
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
            {
                // Thrown here it would stop the journal for good. Thrown a little later from a message, it restarts
                // the journal, which tries again (the plugin's own initialization restarts it too, but at once,
                // over and over); meanwhile reads and writes fail on their own.
                _schemaFailure = e;
            }
        }
        base.PreStart();
        if (_schemaFailure is not null)
            Timers.StartSingleTimer(RetrySchema.Instance, RetrySchema.Instance, SchemaRetryDelay);
    }

    protected override bool ReceivePluginInternal(object message) => message is RetrySchema
        ? throw new ApplicationException("Failed to create the SQLite journal table.", _schemaFailure)
        : base.ReceivePluginInternal(message);

    private sealed class RetrySchema
    {
        public static readonly RetrySchema Instance = new();
    }

    protected override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    /// <summary>
    /// SQLite's own statement API (which also sets each connection's busy timeout): the write stage's per-row cost is
    /// what every process's commit waits on.
    /// </summary>
    protected override IJournalRowWriter CreateWriter(string connectionString, JournalTable table) =>
        new SqliteJournalTableWriter(connectionString, table);

    /// <summary>Its commits land in the journal's tail (<see cref="SqliteJournalTail"/>).</summary>
    protected override bool KeepsTail => true;

    /// <summary>SQLite's statements run on the calling thread: the stage gets a thread of its own.</summary>
    protected override bool CommitsOnCallingThread => true;

    protected override bool IsFaultOfRows(Exception failure) => IsFaultOfRowsOnSqlite(failure);

    /// <summary>SQLite refused a row: too big, of the wrong type, or breaking a constraint (a duplicate key, a trigger's refusal).</summary>
    public static bool IsFaultOfRowsOnSqlite(Exception failure) =>
        failure?.GetBaseException() is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is SqliteTooBig or SqliteConstraint or SqliteMismatch;

    private const int SqliteTooBig = 18;
    private const int SqliteConstraint = 19;
    private const int SqliteMismatch = 20;

    private static Config WithoutPluginInitialization(Config journalConfig) =>
        ConfigurationFactory.ParseString("auto-initialize = off").WithFallback(journalConfig);
}
