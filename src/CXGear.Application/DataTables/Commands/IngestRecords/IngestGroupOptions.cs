namespace CXGear.Application.DataTables.Commands.IngestRecords;

/// <summary><c>Ingest:GroupCommit</c>: how concurrent ingest requests share one transaction (docs/decisions/0036-ingest-group-commit.md).</summary>
public sealed class IngestGroupOptions
{
    public const string Section = "Ingest:GroupCommit";

    /// <summary>
    /// A group stops taking batches once it holds this many rows (a batch is never split, so a group of one 500-row
    /// batch is always possible). Bounds the transaction's length, and so the wait of the requests behind it.
    /// </summary>
    public int MaxRows { get; set; } = 5_000;

    /// <summary>
    /// How long the writer waits for more batches after the first one, when no more are queued yet. 0 (the default):
    /// it takes what arrived while the previous group was committing and commits at once, so a lone request never
    /// waits; batches still group under load because they queue behind the commit in progress.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.Zero;
}
