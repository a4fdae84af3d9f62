using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Security;
using CXGear.Domain.ApiKeys;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Credentials;

/// <summary>
/// The one check for every secret a machine presents: organization API keys (<c>cxg_</c>) and table ingest tokens
/// (<c>cxgt_</c>). It runs on every integration request, so it is lean: a malformed or bad-checksum secret is refused
/// before any I/O; otherwise one indexed read by prefix (compiled, no tracking, across organizations since the secret
/// is the only credential), a fixed-time hash comparison, the owner's own usability rule, and at most once a minute a
/// conditional "last used" write. The same read asks whether the owner's organization is suspended (a primary-key probe
/// in the same statement, no extra round trip). No cache, so a revoked key, a rotated token or a suspension takes
/// effect on the next request everywhere.
/// </summary>
internal sealed class CredentialAuthenticator(AppDbContext db, TimeProvider clock) : IApiKeyAuthenticator, IIngestTokenAuthenticator
{
    private static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);

    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<KeyLookup?>>> LoadKey = new(() =>
        EF.CompileAsyncQuery((AppDbContext context, string prefix, CancellationToken _) =>
            context.ApiKeys.IgnoreQueryFilters().AsNoTracking()
                .Where(k => k.Prefix == prefix)
                .Select(k => new KeyLookup(k, context.Organizations.IgnoreQueryFilters().Any(o => o.Id == k.OrganizationId && o.SuspendedAt != null)))
                .FirstOrDefault()));

    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<TableToken?>>> LoadTableToken = new(() =>
        EF.CompileAsyncQuery((AppDbContext context, string prefix, CancellationToken _) =>
            context.DataTables.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.IngestTokenPrefix == prefix)
                .Select(t => new TableToken(
                    t.Id,
                    t.OrganizationId,
                    t.IngestTokenHash,
                    t.IngestTokenLastUsedAt,
                    t.IngestWebhookDisabled,
                    context.Organizations.IgnoreQueryFilters().Any(o => o.Id == t.OrganizationId && o.SuspendedAt != null)))
                .FirstOrDefault()));

    public async Task<ApiKeyIdentity?> AuthenticateAsync(string secret, string ipAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lookup = await CheckAsync(SecretFormat.ApiKey, secret, prefix => LoadKey.For(db)(db, prefix, cancellationToken), k => k.Key.SecretHash, k => k.Key.IsUsableAt(now));
        if (lookup is null)
        {
            return null;
        }

        var key = lookup.Key;
        if (lookup.OrganizationSuspended)
        {
            // Refused, so not "used": the last-used stamp stays what it was before the suspension.
            return new ApiKeyIdentity(key.Id, key.OrganizationId, key.Scopes, OrganizationSuspended: true);
        }

        if (IsDue(key.LastUsedAt, now, out var threshold))
        {
            await db.ApiKeys.IgnoreQueryFilters()
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now).SetProperty(k => k.LastUsedIp, ipAddress), cancellationToken);
        }

        return new ApiKeyIdentity(key.Id, key.OrganizationId, key.Scopes);
    }

    public async Task<IngestTokenIdentity?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        string? prefix = null;
        var table = await CheckAsync(
            SecretFormat.IngestToken,
            token,
            p => LoadTableToken.For(db)(db, prefix = p, cancellationToken),
            t => t.Hash,
            t => !t.WebhookDisabled);
        if (table is null)
        {
            return null;
        }

        if (table.OrganizationSuspended)
        {
            return new IngestTokenIdentity(table.Id, table.OrganizationId, OrganizationSuspended: true);
        }

        if (IsDue(table.LastUsedAt, now, out var threshold))
        {
            // The prefix in the condition: a token rotated meanwhile is not marked used by a call with the old one.
            await db.DataTables.IgnoreQueryFilters()
                .Where(t => t.Id == table.Id && t.IngestTokenPrefix == prefix && (t.IngestTokenLastUsedAt == null || t.IngestTokenLastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.IngestTokenLastUsedAt, now), cancellationToken);
        }

        return new IngestTokenIdentity(table.Id, table.OrganizationId);
    }

    /// <summary>Format and checksum first (no I/O), then the read by prefix, the fixed-time comparison and the owner's rule.</summary>
    private static async Task<T?> CheckAsync<T>(SecretFormat format, string? secret, Func<string, Task<T?>> load, Func<T, byte[]?> hashOf, Func<T, bool> usable)
        where T : class
    {
        if (!format.TryParse(secret, out var prefix))
        {
            return null;
        }

        var owner = await load(prefix);
        return owner is not null && hashOf(owner) is { } hash && SecretFormat.Matches(secret!, hash) && usable(owner) ? owner : null;
    }

    private static bool IsDue(DateTime? lastUsedAt, DateTime now, out DateTime threshold)
    {
        threshold = now - LastUsedWriteInterval;
        return lastUsedAt is null || lastUsedAt <= threshold;
    }

    private sealed record KeyLookup(ApiKey Key, bool OrganizationSuspended);

    private sealed record TableToken(Guid Id, Guid OrganizationId, byte[]? Hash, DateTime? LastUsedAt, bool WebhookDisabled, bool OrganizationSuspended);
}
