namespace CXGear.Application.DataTables.Common;

/// <summary>What an import or append did: the rows it added and the table as it now stands.</summary>
public sealed record CsvLoadResult(long Inserted, DataTableDto DataTable);
