using CXGear.Domain.Common;

namespace CXGear.Application.Auth.Common;

/// <summary>
/// Why a Google callback signed nobody in. The callback answers the browser with a redirect to the web app's login
/// page, never a problem body, so each refusal carries the <c>reason</c> that page shows: one of these fixed codes,
/// never the provider's text.
/// </summary>
public static class GoogleSignInRefused
{
    public const string ReasonKey = "reason";

    /// <summary>No cookie, an expired or tampered one, or a <c>state</c> that does not match it.</summary>
    public const string InvalidState = "invalid_state";

    /// <summary>The user cancelled at the provider.</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The provider was unreachable, refused the code, or answered without an ID token.</summary>
    public const string ProviderError = "provider_error";

    /// <summary>The ID token failed validation: signature, issuer, audience, lifetime or nonce.</summary>
    public const string InvalidToken = "invalid_token";

    public const string EmailUnverified = "email_unverified";

    /// <summary>No account has this email: sign-in with Google creates none.</summary>
    public const string NoAccount = "no_account";

    public const string Disabled = "disabled";

    public static CXGearException Error(string reason, string message, bool keepsChanges = false)
    {
        var error = new CXGearException(ErrorCodes.InvalidCredentials, message) { KeepsChanges = keepsChanges };
        error.Extensions[ReasonKey] = reason;
        return error;
    }

    /// <summary>The refusal's reason, or null for an error that is not a refusal of the callback (it goes out as a problem).</summary>
    public static string? ReasonOf(CXGearException error) =>
        error.Extensions.TryGetValue(ReasonKey, out var reason) && reason is string text ? text : null;
}
