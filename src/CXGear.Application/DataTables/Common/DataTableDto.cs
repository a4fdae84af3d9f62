using System.Linq.Expressions;
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
    /// <summary>
    /// The one mapping: lists select with it, so a table's token hash and prefix never leave the database for a list;
    /// single reads compile it.
    /// </summary>
    public static readonly Expression<Func<DataTable, DataTableDto>> Projection = table =>
        new DataTableDto(table.Id, table.ProjectId, table.Name, table.Columns, table.MetadataFields, table.RowCount, table.IngestTokenHash != null && !table.IngestWebhookDisabled,
            table.CreatedByUserId, table.CreatedAt, table.UpdatedAt);

    private static readonly Func<DataTable, DataTableDto> Compiled = Projection.Compile();

    public static DataTableDto From(DataTable table) => Compiled(table);
}
