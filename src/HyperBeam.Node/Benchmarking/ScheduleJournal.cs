namespace HyperBeam.Node.Benchmarking;

/// <summary>Which journal <c>hb bench schedule</c> writes to.</summary>
public enum ScheduleJournal
{
    /// <summary>A SQLite file (WAL) in a fresh temporary folder: the single-node default.</summary>
    Sqlite,

    /// <summary>The PostgreSQL of <c>HB_POSTGRES</c> / <c>HB_TEST_POSTGRES</c>: the cluster setting.</summary>
    Postgres,

    /// <summary>Akka's in-memory journal: nothing is serialized or written, so a row shows the entity's own ceiling.</summary>
    Memory,
}
