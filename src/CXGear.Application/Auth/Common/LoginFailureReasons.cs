namespace CXGear.Application.Auth.Common;

/// <summary>
/// Why a sign-in was refused, as the audit trail records it. The client always gets the same answer
/// (docs/api.md#error-codes: one body whether or not the email exists); only operators see the difference.
/// </summary>
public static class LoginFailureReasons
{
    public const string InvalidCredentials = "invalid_credentials";
    public const string UserDisabled = "user_disabled";
    public const string AccountLocked = "account_locked";
    public const string OrganizationSuspended = "organization_suspended";

    /// <summary>A provider (Google) proved an address no account has; no account is created.</summary>
    public const string NoAccount = "no_account";
}
