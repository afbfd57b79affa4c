using System.Diagnostics;
using System.Security.Cryptography;
using HyperBeam.Core.Wallets;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Node.Benchmarking;

/// <summary>The two costs a signed, durable assignment is made of, measured alone on this machine.</summary>
public static class ScheduleBaselines
{
    /// <summary>RSA-4096 PSS (SHA-512) signatures per second on every core, each with its own copy of the key.</summary>
    public static async Task<ScheduleBenchResult> SignaturesAsync(Wallet wallet, TimeSpan duration, CancellationToken cancellationToken)
    {
        var jwk = wallet.ToJwk(includePrivate: true);
        var data = RandomNumberGenerator.GetBytes(512);
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() =>
        {
            using var key = Wallet.FromJwk(jwk);
            long n = 0;
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                key.Sign(data, HashAlgorithmName.SHA512);
                n++;
            }
            return n;
        }, cancellationToken)));
        return new ScheduleBenchResult("rsa-4096 pss signatures (all cores)", counts.Sum(), clock.Elapsed, 0);
    }

    /// <summary>The SQLite baseline's row name (scripts and the report's ratios read it).</summary>
    public const string SqliteInsertsName = "sqlite wal inserts (batches of 100)";

    /// <summary>Rows per second into a WAL-mode SQLite file, 100 rows of 1 KiB per transaction (what a batched journal write costs).</summary>
    public static async Task<ScheduleBenchResult> SqliteInsertsAsync(string folder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "baseline.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);";
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }
        var payload = RandomNumberGenerator.GetBytes(1024);
        long rows = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO rows (payload) VALUES ($payload)";
            var parameter = insert.Parameters.Add("$payload", SqliteType.Blob);
            for (var i = 0; i < 100; i++)
            {
                parameter.Value = payload;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            rows += 100;
        }
        return new ScheduleBenchResult(SqliteInsertsName, rows, clock.Elapsed, 0);
    }
}
