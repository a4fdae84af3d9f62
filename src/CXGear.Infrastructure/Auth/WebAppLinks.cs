using CXGear.Application.Common.Abstractions;

namespace CXGear.Infrastructure.Auth;

/// <summary>Links into the web app, from <c>WebApp:BaseUrl</c> (default: the first CORS origin, else the API's own URL).</summary>
internal sealed class WebAppLinks(string baseUrl) : IWebAppLinks
{
    private const int MaxReturnUrlLength = 2_048;

    private readonly string _base = baseUrl.TrimEnd('/');

    public string ResetPassword(string email, string token) =>
        $"{_base}/reset-password?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}";

    public string ChannelConnection(string kind, string? errorReason) =>
        $"{_base}/integrations/{Uri.EscapeDataString(kind)}?"
        + (errorReason is null ? "status=connected" : $"status=error&reason={Uri.EscapeDataString(errorReason)}");

    public string? AppPath(string returnUrl)
    {
        if (returnUrl.Length is 0 or > MaxReturnUrlLength || returnUrl.Any(c => char.IsControl(c) || c == '\\')
            || !Uri.TryCreate(_base + "/", UriKind.Absolute, out var app))
        {
            return null;
        }

        // "//evil.example" and "/\evil.example" are relative to us but absolute to a browser; backslashes are refused above.
        var isPath = returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal);
        if (!isPath && !returnUrl.StartsWith(app.GetLeftPart(UriPartial.Authority) + "/", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(returnUrl, app.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Uri.TryCreate(app, returnUrl, out var target) || Uri.Compare(target, app, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return null;
        }

        return target.PathAndQuery + target.Fragment;
    }

    public string SignedIn(string code, string returnUrl) =>
        $"{_base}/login?status=success&code={Uri.EscapeDataString(code)}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    public string SignInFailed(string reason) => $"{_base}/login?status=error&reason={Uri.EscapeDataString(reason)}";

    public string Billing(string? checkoutOutcome = null) =>
        $"{_base}/billing" + (checkoutOutcome is null ? string.Empty : $"?checkout={Uri.EscapeDataString(checkoutOutcome)}");
}
