using CXGear.Application.Common.Security;

namespace CXGear.Api.Authentication;

/// <summary>
/// Reads <c>Authorization: Bearer …</c> the way RFC 9110 §11.1 defines it: the scheme name is case-insensitive
/// (<c>bearer cxg_…</c> is a key like <c>Bearer cxg_…</c>) and one or more spaces separate it from the token. The one
/// place the API-key handler and the scheme selector read the header, so they never disagree about what was sent.
/// </summary>
internal static class BearerCredential
{
    private const string Scheme = "Bearer";

    /// <summary>The bearer token, or <c>null</c> when there is no header, another scheme, or no token after the scheme.</summary>
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().AsSpan().Trim();
        if (header.Length <= Scheme.Length
            || !header[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || header[Scheme.Length] != ' ')
        {
            return null;
        }

        var token = header[Scheme.Length..].Trim(' ');
        return token.IsEmpty ? null : token.ToString();
    }

    /// <summary>The request carries a bearer token shaped like an organization API key (its <c>cxg_</c> prefix), valid or not.</summary>
    public static bool IsApiKey(HttpRequest request) =>
        Read(request) is { } token && token.StartsWith(SecretFormat.ApiKey.TypePrefix, StringComparison.Ordinal);
}
