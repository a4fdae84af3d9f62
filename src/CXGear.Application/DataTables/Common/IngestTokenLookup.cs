using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Security;
using CXGear.Domain.DataTables;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Common;

public static class IngestTokenLookup
{
    /// <summary>
    /// The table a webhook token writes to, across organizations (the token is the only credential on that route,
    /// hence <c>IgnoreQueryFilters</c>), or null for a malformed, unknown or rotated token. A token whose checksum
    /// fails never reaches the database; the hash comparison takes fixed time. Returned tracked, so the caller
    /// can record the use.
    /// </summary>
    public static async Task<DataTable?> FindByIngestTokenAsync(this IApplicationDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (!SecretFormat.IngestToken.TryParse(token, out var prefix))
        {
            return null;
        }

        var table = await db.DataTables.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.IngestTokenPrefix == prefix, cancellationToken);
        return table?.IngestTokenHash is { } hash && SecretFormat.Matches(token!, hash) ? table : null;
    }
}
