namespace CXGear.Api.Authentication;

/// <summary>
/// One <c>Bearer</c> scheme for clients; behind it, <c>cxg_…</c> goes to the API-key handler and anything else
/// to JWT bearer (docs/api.md#which-credential-a-route-takes: the server tells them apart by the prefix). A table's webhook route carries its
/// credential in the path (or <c>X-Ingest-Token</c>), so that route alone goes to the ingest-token handler,
/// whatever the Authorization header says.
/// </summary>
internal static class AuthSchemes
{
    public const string Bearer = "Bearer";
    public const string Jwt = "Jwt";
    public const string ApiKey = "ApiKey";
    public const string IngestToken = "IngestToken";

    /// <summary>The table's webhook route; the token is the segment after it.</summary>
    public static readonly PathString WebhookIngestPath = new("/api/v1/public/data-tables/ingest");

    private static readonly PathString PublicPath = new("/api/v1/public");

    public const string KeyIdClaim = "kid";
    public const string ScopeClaim = "scope";
    public const string TableIdClaim = "tbl";

    /// <summary>
    /// The webhook route → its token; the rest of <c>/public</c> → the API-key handler whatever the credential
    /// (a JWT or a table token there is simply not a valid key: 401 INVALID_API_KEY, the same body as any bad
    /// key); elsewhere <c>cxg_</c> → API key (then 403 API_KEY_NOT_ALLOWED on user routes), anything else → JWT. The
    /// scheme name is case-insensitive (<see cref="BearerCredential"/>), so <c>bearer cxg_…</c> is refused by name too.
    /// </summary>
    public static string Select(HttpContext context)
    {
        var scheme = ForPath(context.Request.Path);
        return scheme == Jwt && BearerCredential.IsApiKey(context.Request) ? ApiKey : scheme;
    }

    /// <summary>
    /// The one credential a route takes (docs/api.md#which-credential-a-route-takes): the table's token on the webhook route, an API key on the
    /// rest of <c>/public</c>, a user's JWT elsewhere. The OpenAPI document states the same, from this method.
    /// </summary>
    public static string ForPath(PathString path)
    {
        if (path.StartsWithSegments(WebhookIngestPath, StringComparison.OrdinalIgnoreCase))
        {
            return IngestToken;
        }

        return path.StartsWithSegments(PublicPath, StringComparison.OrdinalIgnoreCase) ? ApiKey : Jwt;
    }
}
