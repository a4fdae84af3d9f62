using CXGear.Application.Auth.Common;

namespace CXGear.Api.Authentication;

/// <summary>
/// The browser refresh cookie (<c>Auth:RefreshCookie:Enabled</c>, docs/decisions/0031-sign-in-with-google.md): the web
/// app keeps its refresh token where no script can read it. Every response that hands out a refresh token (sign-up,
/// login, exchange, refresh) also sets it as <c>cxg_refresh</c>: HttpOnly, Secure, SameSite=None (the web app and the
/// API are different sites), scoped to <c>/api/v1/auth</c> so no other route ever receives it, and kept until the
/// session's 12 hours are up. Logout clears it. Switched off, none of this happens.
/// </summary>
public sealed class BrowserRefreshCookie(bool enabled, IReadOnlyCollection<string> allowedOrigins)
{
    public const string Section = "Auth:RefreshCookie";
    public const string Name = "cxg_refresh";
    public const string Path = "/api/v1/auth";

    public bool Enabled => enabled;

    public void Issue(HttpResponse response, AuthResult result)
    {
        if (enabled)
        {
            response.Cookies.Append(Name, result.RefreshToken, Options(new DateTimeOffset(result.Session.ExpiresAt, TimeSpan.Zero)));
        }
    }

    public void Clear(HttpResponse response, DateTimeOffset now)
    {
        if (enabled)
        {
            response.Cookies.Append(Name, string.Empty, Options(now.AddYears(-1)));
        }
    }

    /// <summary>
    /// The cookie's refresh token, when enabled and the request comes from the web app: a browser names the page's
    /// origin on every POST, so a request another site's page makes the browser send (with this cookie, since it is
    /// SameSite=None) is ignored rather than allowed to spend the token. Clients that are not browsers send no Origin.
    /// </summary>
    public string? Read(HttpRequest request)
    {
        if (!enabled || !request.Cookies.TryGetValue(Name, out var token) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var origin = request.Headers.Origin.ToString();
        var ownOrigin = $"{request.Scheme}://{request.Host}";
        return origin.Length == 0
            || allowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
            || string.Equals(origin, ownOrigin, StringComparison.OrdinalIgnoreCase)
                ? token
                : null;
    }

    private static CookieOptions Options(DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.None,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };
}
