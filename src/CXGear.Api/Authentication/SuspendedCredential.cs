using CXGear.Api.Errors;
using CXGear.Domain.Organizations;
using Microsoft.AspNetCore.Authentication;

namespace CXGear.Api.Authentication;

/// <summary>
/// A good API key or table token whose organization is suspended: authentication fails (the caller is no one), and the
/// challenge that follows answers 403 ORGANIZATION_SUSPENDED instead of the handler's 401, with no WWW-Authenticate,
/// since the credential itself is fine (docs/api.md#organization-suspension).
/// </summary>
internal static class SuspendedCredential
{
    private const string Key = "cxgear.auth.suspended";

    public static AuthenticateResult Fail(HttpContext context)
    {
        context.Items[Key] = true;
        return AuthenticateResult.Fail(Domain.Common.ErrorCodes.OrganizationSuspended);
    }

    /// <summary>Writes the 403 when <see cref="Fail"/> ran for this request; false otherwise.</summary>
    public static async Task<bool> TryWriteAsync(HttpContext context)
    {
        if (!context.Items.ContainsKey(Key))
        {
            return false;
        }

        await Problems.WriteAsync(context, OrganizationStatuses.SuspendedError());
        return true;
    }
}
