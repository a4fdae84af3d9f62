using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using CXGear.Infrastructure.Persistence;

namespace CXGear.Infrastructure.Jobs;

/// <summary>
/// SQL Server: the change tracker, which batches these statements into few round trips there (SQLite runs them one by
/// one, hence its own writer). Only the columns an outcome sets are marked modified. Compiled here but not exercised
/// by the tests (no SQL Server); its SQLite twin is, behind the same interface.
/// </summary>
internal sealed class EfJobOutcomeWriter(AppDbContext db) : IJobOutcomeWriter
{
    public async Task WriteAsync(IReadOnlyList<JobRecord> records, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Outcomes are written inside the runtime's transaction (no transaction is open).");
        }

        foreach (var record in records)
        {
            var entry = db.JobRecords.Attach(record);
            foreach (var property in new[] { nameof(JobRecord.Status), nameof(JobRecord.Disposition), nameof(JobRecord.Error), nameof(JobRecord.Outputs), nameof(JobRecord.StartedAt), nameof(JobRecord.EndedAt) })
            {
                entry.Property(property).IsModified = true;
            }
        }

        db.RecordEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
