using CXGear.Application.Common.Abstractions;

namespace CXGear.Infrastructure.Auth;

/// <summary>Links into the web app, from <c>WebApp:BaseUrl</c> (default: the first CORS origin, else the API's own URL).</summary>
internal sealed class WebAppLinks(string baseUrl) : IWebAppLinks
{
    public string ResetPassword(string email, string token) =>
        $"{baseUrl.TrimEnd('/')}/reset-password?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}";

    public string ChannelConnection(string kind, string? errorReason) =>
        $"{baseUrl.TrimEnd('/')}/integrations/{Uri.EscapeDataString(kind)}?"
        + (errorReason is null ? "status=connected" : $"status=error&reason={Uri.EscapeDataString(errorReason)}");

    public string Billing(string? checkoutOutcome = null) =>
        $"{baseUrl.TrimEnd('/')}/billing" + (checkoutOutcome is null ? string.Empty : $"?checkout={Uri.EscapeDataString(checkoutOutcome)}");
}
