namespace CXGear.Application.Common.Abstractions;

/// <summary>Builds links into the web app (<c>WebApp:BaseUrl</c>): for emails, and where provider callbacks send the browser.</summary>
public interface IWebAppLinks
{
    string ResetPassword(string email, string token);

    /// <summary>
    /// The integrations page of a channel kind after a connection attempt: <c>status=connected</c>, or
    /// <c>status=error&amp;reason=…</c> with one of our own reason codes (never a provider's text).
    /// </summary>
    string ChannelConnection(string kind, string? errorReason);

    /// <summary>
    /// A return URL as a path of the web app (<c>/projects?tab=1</c>): a relative path, or an absolute URL on the web
    /// app's own origin. Null for anything that would leave the web app (another host, <c>//host</c>, a backslash, a
    /// scheme other than the web app's), so no sign-in can be turned into an open redirect.
    /// </summary>
    string? AppPath(string returnUrl);

    /// <summary>The login page after a provider sign-in: <c>status=success&amp;code=…&amp;returnUrl=…</c>.</summary>
    string SignedIn(string code, string returnUrl);

    /// <summary>The login page after a refused provider sign-in: <c>status=error&amp;reason=…</c> (one of our reason codes).</summary>
    string SignInFailed(string reason);

    /// <summary>
    /// The billing page (<c>{WebApp:BaseUrl}/billing</c>), where users upgrade; with <c>?checkout=success</c> or
    /// <c>?checkout=cancelled</c> when a provider's checkout sends the browser back.
    /// </summary>
    string Billing(string? checkoutOutcome = null);
}
