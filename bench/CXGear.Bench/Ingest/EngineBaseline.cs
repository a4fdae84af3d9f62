using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CXGear.Bench.Ingest;

internal sealed record EngineRun(TimeSpan Elapsed, string Method = "prepared INSERT loop");

/// <summary>
/// The engine's own limit for the same work: the same rows (already encoded as the stored JSON arrays), written
/// into the same SQLite file (WAL, default synchronous) and table by one prepared INSERT re-run per row, one
/// IMMEDIATE transaction per batch — what the API's writer does, minus HTTP, auth, validation and JSON parsing.
/// On PostgreSQL the same rows go into the same database and table by one binary COPY per batch, one transaction each.
/// </summary>
internal static class EngineBaseline
{
    private static readonly JsonSerializerOptions Stored = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static EngineRun Run(string databasePath, Guid dataTableId, IReadOnlyList<List<Dictionary<string, object?>>> batches, int requests, string[] columns)
    {
        var encoded = batches
            .Select(rows => rows.Select(row => JsonSerializer.Serialize(columns.Select(c => row.GetValueOrDefault(c)), Stored)).ToArray())
            .ToList();
        var table = dataTableId.ToString("D").ToUpperInvariant();

        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        long sequence;
        using (var max = connection.CreateCommand())
        {
            max.CommandText = """SELECT COALESCE(MAX("Sequence"), 0) FROM "DataRows" WHERE "DataTableId" = $table""";
            max.Parameters.AddWithValue("$table", table);
            sequence = (long)max.ExecuteScalar()!;
        }

        var started = Stopwatch.GetTimestamp();
        for (var request = 0; request < requests; request++)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """INSERT INTO "DataRows" ("DataTableId", "Sequence", "Values") VALUES ($table, $sequence, $values)""";
            var tableParameter = insert.Parameters.Add("$table", SqliteType.Text);
            var sequenceParameter = insert.Parameters.Add("$sequence", SqliteType.Integer);
            var valuesParameter = insert.Parameters.Add("$values", SqliteType.Text);
            insert.Prepare();
            tableParameter.Value = table;
            foreach (var values in encoded[request % encoded.Count])
            {
                sequenceParameter.Value = ++sequence;
                valuesParameter.Value = values;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return new EngineRun(Stopwatch.GetElapsedTime(started));
    }

    public static EngineRun RunPostgres(string connectionString, Guid dataTableId, IReadOnlyList<List<Dictionary<string, object?>>> batches, int requests, string[] columns)
    {
        var encoded = batches
            .Select(rows => rows.Select(row => JsonSerializer.Serialize(columns.Select(c => row.GetValueOrDefault(c)), Stored)).ToArray())
            .ToList();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        long sequence;
        using (var max = new NpgsqlCommand("""SELECT COALESCE(MAX("Sequence"), 0) FROM "DataRows" WHERE "DataTableId" = @table""", connection))
        {
            max.Parameters.AddWithValue("table", dataTableId);
            sequence = (long)max.ExecuteScalar()!;
        }

        var started = Stopwatch.GetTimestamp();
        for (var request = 0; request < requests; request++)
        {
            using var transaction = connection.BeginTransaction();
            using (var copy = connection.BeginBinaryImport("""COPY "DataRows" ("DataTableId", "Sequence", "Values") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var values in encoded[request % encoded.Count])
                {
                    copy.StartRow();
                    copy.Write(dataTableId, NpgsqlDbType.Uuid);
                    copy.Write(++sequence, NpgsqlDbType.Bigint);
                    copy.Write(values, NpgsqlDbType.Text);
                }

                copy.Complete();
            }

            transaction.Commit();
        }

        return new EngineRun(Stopwatch.GetElapsedTime(started), "binary COPY");
    }
}
