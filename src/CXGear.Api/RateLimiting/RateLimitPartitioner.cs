using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using CXGear.Api.Authentication;

namespace CXGear.Api.RateLimiting;

/// <summary>A partition (whose counter) and its limit per window.</summary>
internal readonly record struct RateLimitTarget(string PartitionKey, int PermitLimit);

/// <summary>
/// docs/api.md#rate-limits: which counter a request spends. Keys hold ids only (key id, user id, client address), never a
/// secret or a header value, because they end up in Redis key names.
/// </summary>
internal static class RateLimitPartitioner
{
    private const string SubjectClaim = "sub";


    /// <summary>The request's partition, or <c>null</c> for an unlimited request (health, docs, metrics, a limit switched off).</summary>
    public static RateLimitTarget? Select(PathString path, ClaimsPrincipal? user, IPAddress? clientIp, RateLimitSettings limits)
    {
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/docs") || path.StartsWithSegments(Telemetry.TelemetrySetup.PrometheusPath))
        {
            return null;
        }

        // Meta's webhook: Meta sends from a pool of addresses and backs off for hours when refused, so a per-address
        // budget would delay every customer's statuses. Before anything is stored a request costs one HMAC over at most
        // 3 MB, and an unsigned one is refused right there.
        if (path.StartsWithSegments(Application.Channels.Common.WhatsAppRoutes.WebhookPath, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Anonymous by nature (sign-up, login, refresh, reset): the client address is all there is.
        if (path.StartsWithSegments("/api/v1/auth"))
        {
            return Target("auth-ip", ClientKey(clientIp), limits.AuthPerIpPerMinute);
        }

        var authenticated = user?.Identity?.IsAuthenticated == true;
        var keyId = authenticated ? user!.FindFirst(AuthSchemes.KeyIdClaim)?.Value : null;
        // A table's ingest webhook counts per table once its token is verified (the ingest-token handler ran
        // before the limiter); a refused token counts by address, so minting well-formed tokens buys no budget.
        if (path.StartsWithSegments(AuthSchemes.WebhookIngestPath, StringComparison.OrdinalIgnoreCase))
        {
            var tableId = user?.Identity?.IsAuthenticated == true ? user.FindFirst(AuthSchemes.TableIdClaim)?.Value : null;
            return tableId is not null
                ? Target("webhook", tableId, limits.ApiKeyPerMinute)
                : Target("public-ip", ClientKey(clientIp), limits.ApiKeyPerMinute);
        }

        if (path.StartsWithSegments("/api/v1/public"))
        {
            // Without a valid key (401 follows) the caller is counted by address, apart from every key.
            return keyId is not null
                ? Target("key", keyId, limits.ApiKeyPerMinute)
                : Target("public-ip", ClientKey(clientIp), limits.ApiKeyPerMinute);
        }

        var subject = authenticated ? user!.FindFirst(SubjectClaim)?.Value : null;
        if (subject is not null)
        {
            return Target("user", subject, limits.UserPerMinute);
        }

        // An API key on a user route (403 follows) spends its own key's counter.
        if (keyId is not null)
        {
            return Target("key", keyId, limits.ApiKeyPerMinute);
        }

        return Target("ip", ClientKey(clientIp), limits.UserPerMinute);
    }

    /// <summary>
    /// The address as a partition id: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64 network, since one
    /// client usually holds a whole /64 and could otherwise rotate addresses to dodge the limit.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static RateLimitTarget? Target(string scope, string id, int limit) =>
        limit <= 0 ? null : new RateLimitTarget($"{scope}:{id}", limit);
}
