namespace CXGear.Api.Authentication;

/// <summary>
/// One <c>Bearer</c> scheme for clients; behind it, <c>cxg_…</c> goes to the API-key handler and anything else
/// to JWT bearer (contract §1: the server tells them apart by the prefix).
/// </summary>
internal static class AuthSchemes
{
    public const string Bearer = "Bearer";
    public const string Jwt = "Jwt";
    public const string ApiKey = "ApiKey";

    public const string KeyIdClaim = "kid";
    public const string ScopeClaim = "scope";

    private const string ApiKeyBearerPrefix = "Bearer cxg_";

    public static string Select(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith(ApiKeyBearerPrefix, StringComparison.Ordinal) ? ApiKey : Jwt;
}
