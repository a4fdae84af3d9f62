using CXGear.Application.Common.Abstractions;
using CXGear.Domain.DataTables;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Common;

public static class DataTableWrites
{
    /// <summary>
    /// Takes the table's write lock for the rest of the open transaction, then loads it (tracked). Every writer of
    /// rows starts here, so imports, appends and ingests of one table run one after another and the row numbering
    /// and count stay exact: on SQLite the IMMEDIATE transaction already holds the database's write lock; on SQL
    /// Server this UPDATE holds the row's exclusive lock until commit, and the read that follows sees the latest state.
    /// </summary>
    /// <param name="acrossOrganizations">
    /// For a writer with no caller (the ingest group, which serves several organizations): the tenant filter is
    /// skipped, because every request already found its table in its own organization.
    /// </param>
    public static async Task<DataTable> LockForWriteAsync(
        this IApplicationDbContext db, Guid id, DateTime now, CancellationToken cancellationToken, bool acrossOrganizations = false)
    {
        var tables = acrossOrganizations ? db.DataTables.IgnoreQueryFilters() : db.DataTables;
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A data table is locked for writing inside the transaction of the write.");
        }

        var locked = await tables.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (locked == 0)
        {
            throw DataTableNotFound.Error(id);
        }

        return await tables.FirstAsync(t => t.Id == id, cancellationToken);
    }
}
