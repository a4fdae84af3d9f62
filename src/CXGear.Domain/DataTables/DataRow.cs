namespace CXGear.Domain.DataTables;

/// <summary>
/// One source row. Keyed by (table, sequence): the sequence gives a stable insertion order and lets a page be
/// a range seek on the primary key. <see cref="Values"/> is a JSON array aligned with the table's columns
/// (see docs/decisions/0011-row-storage.md). Rows are written in bulk, never one by one through the change tracker.
/// </summary>
public sealed class DataRow
{
    private DataRow()
    {
        Values = "[]";
    }

    public Guid DataTableId { get; private set; }
    public long Sequence { get; private set; }
    public string Values { get; private set; }
}
