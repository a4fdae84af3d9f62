using CXGear.Domain.DataTables;

namespace CXGear.Application.DataTables.Common;

public sealed record DataTableDto(
    Guid Id,
    Guid ProjectId,
    string Name,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> MetadataFields,
    long RowCount,
    bool IngestEnabled,
    Guid CreatedByUserId,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static DataTableDto From(DataTable table) =>
        new(table.Id, table.ProjectId, table.Name, table.Columns, table.MetadataFields, table.RowCount, table.IngestEnabled,
            table.CreatedByUserId, table.CreatedAt, table.UpdatedAt);
}
