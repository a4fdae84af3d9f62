namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// Inserts a new job's pending records in bulk, outside EF's change tracker, on the context's connection and inside
/// its open transaction (so they commit with the job and its meters). A run over a large table writes one record per
/// row while holding the database's write lock, so this path has to be as cheap per row as ingest's.
/// </summary>
public interface IBulkJobRecordWriter
{
    /// <summary>Writes each (id, sequence, payload JSON) as a pending record of the job. Throws when no transaction is open.</summary>
    Task WriteAsync(Guid jobId, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken);
}

/// <summary>One pending job record to write: its id, its number within the job (1..N) and its payload JSON object.</summary>
public readonly record struct PendingRecord(Guid Id, long Sequence, string Payload);
