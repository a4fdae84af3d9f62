namespace CXGear.Domain.Common;

/// <summary>
/// The product's troubleshooting advice for auth errors, sent as the problem body's <c>hint</c> member
/// (docs/api.md#problem-body). The texts are the product documentation's own, so support and the docs say the same thing.
/// </summary>
public static class ErrorHints
{
    public const string Member = "hint";

    /// <summary>A credential that is not an API key (a user's JWT, a table token) on <c>/public/ingest</c> or <c>/public/trigger</c>.</summary>
    public const string UseApiKey = "Use an organization API key (cxg_…) for integrations";

    /// <summary>An API key on a route that takes a user's access token.</summary>
    public const string ApiKeysReachPublicOnly = "API keys reach /public/ingest and /public/trigger only";

    /// <summary>
    /// No key, or a key that is malformed, unknown, revoked or expired: one hint for all, so the body still says nothing about
    /// which it was ("wrong key, revoked key, or missing Bearer: regenerate the key, check the header format").
    /// </summary>
    public const string CheckApiKey = "Send Authorization: Bearer cxg_… with a live key; create a new key if this one was revoked or has expired";

    /// <summary>An ended session or an expired access token: "session errors in a script" mean a user's JWT is used where a key belongs.</summary>
    public const string SessionInScript = "Scripts and integrations should use an organization API key (cxg_…), which no session ends";

    /// <summary>A key without the route's scope: scopes are fixed when a key is created.</summary>
    public static string CreateKeyWithScope(string scope) => $"Create a key with the {scope} scope";

    public static CXGearException WithHint(this CXGearException error, string hint)
    {
        error.Extensions[Member] = hint;
        return error;
    }
}
