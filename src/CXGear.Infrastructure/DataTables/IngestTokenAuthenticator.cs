using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Security;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.DataTables;

/// <summary>
/// Same shape as the API-key check: a malformed or bad-checksum token is refused before any I/O; otherwise one
/// indexed read by prefix (compiled, no tracking, across organizations since the token is the only credential),
/// a fixed-time hash comparison, and at most once a minute a conditional "last used" write. No cache: a rotated
/// token fails on the next call on every instance.
/// </summary>
internal sealed class IngestTokenAuthenticator(AppDbContext db, TimeProvider clock) : IIngestTokenAuthenticator
{
    private static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);

    private static readonly Func<AppDbContext, string, CancellationToken, Task<TokenSnapshot?>> Load =
        EF.CompileAsyncQuery((AppDbContext context, string prefix, CancellationToken _) =>
            context.DataTables.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.IngestTokenPrefix == prefix)
                .Select(t => new TokenSnapshot(t.Id, t.OrganizationId, t.IngestTokenHash, t.IngestTokenLastUsedAt))
                .FirstOrDefault());

    public async Task<IngestTokenIdentity?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SecretFormat.IngestToken.TryParse(token, out var prefix))
        {
            return null;
        }

        var table = await Load(db, prefix, cancellationToken);
        if (table?.Hash is not { } hash || !SecretFormat.Matches(token!, hash))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (table.LastUsedAt is null || now - table.LastUsedAt >= LastUsedWriteInterval)
        {
            var threshold = now - LastUsedWriteInterval;
            await db.DataTables.IgnoreQueryFilters()
                .Where(t => t.Id == table.Id && t.IngestTokenPrefix == prefix && (t.IngestTokenLastUsedAt == null || t.IngestTokenLastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.IngestTokenLastUsedAt, now), cancellationToken);
        }

        return new IngestTokenIdentity(table.Id, table.OrganizationId);
    }

    private sealed record TokenSnapshot(Guid Id, Guid OrganizationId, byte[]? Hash, DateTime? LastUsedAt);
}
