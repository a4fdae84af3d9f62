using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Security;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.ApiKeys;

/// <summary>
/// Runs on every integration request. A malformed or bad-checksum secret is refused before any I/O; otherwise
/// one indexed read by prefix (compiled query, no tracking), a fixed-time hash comparison, and at most once a
/// minute a conditional "last used" write. No cache, so a revoked key fails on the next request everywhere.
/// </summary>
internal sealed class ApiKeyAuthenticator(AppDbContext db, TimeProvider clock) : IApiKeyAuthenticator
{
    private static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);

    private static readonly Func<AppDbContext, string, CancellationToken, Task<KeySnapshot?>> Load =
        EF.CompileAsyncQuery((AppDbContext context, string prefix, CancellationToken _) =>
            context.ApiKeys.IgnoreQueryFilters().AsNoTracking()
                .Where(k => k.Prefix == prefix)
                .Select(k => new KeySnapshot(k.Id, k.OrganizationId, k.SecretHash, k.Scopes, k.RevokedAt, k.ExpiresAt, k.RetiresAt, k.LastUsedAt))
                .FirstOrDefault());

    public async Task<ApiKeyIdentity?> AuthenticateAsync(string secret, string ipAddress, CancellationToken cancellationToken)
    {
        if (!SecretFormat.ApiKey.TryParse(secret, out var prefix))
        {
            return null;
        }

        var key = await Load(db, prefix, cancellationToken);
        if (key is null || !SecretFormat.Matches(secret, key.SecretHash))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (key.RevokedAt is not null || key.ExpiresAt <= now || key.RetiresAt <= now)
        {
            return null;
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedWriteInterval)
        {
            var threshold = now - LastUsedWriteInterval;
            await db.ApiKeys.IgnoreQueryFilters()
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now).SetProperty(k => k.LastUsedIp, ipAddress), cancellationToken);
        }

        return new ApiKeyIdentity(key.Id, key.OrganizationId, key.Scopes);
    }

    private sealed record KeySnapshot(
        Guid Id,
        Guid OrganizationId,
        byte[] SecretHash,
        IReadOnlyList<string> Scopes,
        DateTime? RevokedAt,
        DateTime? ExpiresAt,
        DateTime? RetiresAt,
        DateTime? LastUsedAt);
}
