namespace CXGear.Cli.Ingest;

/// <summary>
/// Batches are acknowledged out of order (several are in flight); the checkpoint may only move over a gap-free prefix.
/// This keeps the acknowledged batches past the prefix until the ones before them arrive.
/// </summary>
internal sealed class AckTracker(long nextSequence, long rowsAcknowledged, long acknowledgedThroughLine)
{
    private readonly SortedDictionary<long, CsvBatch> _waiting = [];
    private readonly Lock _gate = new();

    public long RowsAcknowledged { get; private set; } = rowsAcknowledged;

    public long AcknowledgedThroughLine { get; private set; } = acknowledgedThroughLine;

    /// <summary>Records one batch; true when the gap-free prefix moved (the checkpoint should be written).</summary>
    public bool Acknowledge(CsvBatch batch)
    {
        lock (_gate)
        {
            _waiting[batch.Sequence] = batch;
            var moved = false;
            while (_waiting.Remove(nextSequence, out var next))
            {
                nextSequence++;
                RowsAcknowledged += next.Records.Count;
                AcknowledgedThroughLine = next.LastLine;
                moved = true;
            }

            return moved;
        }
    }

    public (long Rows, long ThroughLine) Snapshot()
    {
        lock (_gate)
        {
            return (RowsAcknowledged, AcknowledgedThroughLine);
        }
    }
}
