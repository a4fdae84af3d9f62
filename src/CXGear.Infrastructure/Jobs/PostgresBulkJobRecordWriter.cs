using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Postgres;

namespace CXGear.Infrastructure.Jobs;

/// <summary>PostgreSQL: binary COPY on EF's connection, inside the job's transaction (<see cref="PostgresCopy"/>).</summary>
internal sealed class PostgresBulkJobRecordWriter(AppDbContext db) : IBulkJobRecordWriter
{
    public Task WriteAsync(Guid jobId, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken) =>
        PostgresCopy.WriteJobRecordsAsync(PostgresCopy.InTransaction(db, "Records"), jobId, records, cancellationToken);
}
