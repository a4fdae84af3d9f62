using System.Text;
using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Configurations;
using CXGear.Infrastructure.Persistence.Postgres;
using NpgsqlTypes;

namespace CXGear.Infrastructure.DataTables;

/// <summary>
/// PostgreSQL: the whole group's rows in ONE binary <c>COPY … FROM STDIN</c> (every request and table of the group in
/// one stream), on EF's connection inside its transaction, so they commit with the tables' counts (<see cref="PostgresCopy"/>).
/// </summary>
internal sealed class PostgresIngestGroupWriter(AppDbContext db) : IIngestGroupWriter
{
    public async Task WriteAsync(IReadOnlyList<RowRun> runs, CancellationToken cancellationToken)
    {
        var connection = PostgresCopy.InTransaction(db, "Rows");
        await using var copy = await connection.BeginBinaryImportAsync(
            $"""COPY "{DataRowConfiguration.Table}" ("DataTableId", "Sequence", "Values") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        foreach (var run in runs)
        {
            for (var i = 0; i < run.Rows.Length; i++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(run.DataTableId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(run.FirstSequence + i, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(Encoding.UTF8.GetString(run.Rows[i]), NpgsqlDbType.Text, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
