namespace HyperBeam.Cluster.Tests.Support;

/// <summary>
/// The PostgreSQL server the persistence tests use, from <c>HB_TEST_POSTGRES</c> (set by .ci/run through
/// .ci/postgres.sh). Missing is a failure, never a skip: a cluster that cannot fail over untested is a broken build.
/// </summary>
internal static class TestPostgres
{
    public const string Env = "HB_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Env) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Env} is not set: the cluster failover tests need PostgreSQL. Run `export {Env}=$(bash .ci/postgres.sh)` " +
                "(installs and starts a local server from Debian packages, creates user and database hb_test) and test again.");
}
