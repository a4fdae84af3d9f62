using CXGear.Domain.Common;

namespace CXGear.Application.DataTables.Common;

internal static class DataTableNotFound
{
    /// <summary>Also the answer for another organization's table: its existence is not ours to reveal.</summary>
    public static CXGearException Error(Guid id) => new(ErrorCodes.NotFound, $"Data table {id} was not found.");
}
