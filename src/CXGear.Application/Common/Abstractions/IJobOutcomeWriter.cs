using CXGear.Domain.Jobs;

namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// Writes the runtime's finished records and their journeys, outside EF's change tracker, on the context's connection
/// inside its open transaction. Through SaveChanges each of these statements cost ~140 µs on SQLite (three per record:
/// the record and two journey events for a two-step spinner), which capped the runtime near 1,800 records/s.
/// </summary>
public interface IJobOutcomeWriter
{
    /// <summary>
    /// Updates each record's status, disposition, error, outputs and times (as its domain methods set them) and inserts
    /// the events. The records must exist; their payload and sequence are not written. Throws when no transaction is open.
    /// </summary>
    Task WriteAsync(IReadOnlyList<JobRecord> records, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken);
}
