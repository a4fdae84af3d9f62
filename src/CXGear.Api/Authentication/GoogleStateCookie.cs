namespace CXGear.Api.Authentication;

/// <summary>
/// The cookie that carries a Google sign-in's protected state from <c>GET /auth/google</c> to its callback: HttpOnly
/// (no script reads it), Secure, SameSite=Lax (sent on Google's top-level redirect back, not on cross-site
/// subrequests), scoped to the Google routes, and gone after 10 minutes or at the callback, whatever its outcome.
/// </summary>
internal static class GoogleStateCookie
{
    public const string Name = "cxg_google_state";

    public const string Path = "/api/v1/auth/google";

    public static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Lax,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };
}
