namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// Writes data-table rows in bulk, outside EF's change tracker (a prepared, reused command on SQLite; binary
/// <c>COPY</c> on PostgreSQL; <c>SqlBulkCopy</c> on SQL Server). It runs on the context's connection inside the context's open transaction,
/// so the rows commit or roll back together with the table's row count and any meter of the same unit of work.
/// </summary>
public interface IBulkRowWriter
{
    /// <summary>
    /// Inserts <paramref name="values"/> as rows numbered <paramref name="firstSequence"/>, +1, +2… of the table.
    /// Each value is the row's JSON array (see <c>DataRowJson</c>). Throws when no transaction is open.
    /// </summary>
    Task WriteAsync(Guid dataTableId, long firstSequence, IReadOnlyList<string> values, CancellationToken cancellationToken);
}
