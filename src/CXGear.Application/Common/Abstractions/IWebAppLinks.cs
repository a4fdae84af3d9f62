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
    /// The billing page (<c>{WebApp:BaseUrl}/billing</c>), where users upgrade; with <c>?checkout=success</c> or
    /// <c>?checkout=cancelled</c> when a provider's checkout sends the browser back.
    /// </summary>
    string Billing(string? checkoutOutcome = null);
}
