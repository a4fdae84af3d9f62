using CXGear.Domain.Common;

namespace CXGear.Domain.Organizations;

/// <summary>Whether an organization may use the service; operators suspend and reactivate (docs/api.md#operators).</summary>
public enum OrganizationStatus
{
    Active = 0,
    Suspended = 1,
}

public static class OrganizationStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";

    public static IReadOnlyList<string> All { get; } = [Active, Suspended];

    public static string Id(this OrganizationStatus status) => status == OrganizationStatus.Suspended ? Suspended : Active;

    public static bool TryParse(string? value, out OrganizationStatus status)
    {
        status = value switch
        {
            Active => OrganizationStatus.Active,
            Suspended => OrganizationStatus.Suspended,
            _ => (OrganizationStatus)(-1),
        };
        return Enum.IsDefined(status);
    }

    /// <summary>
    /// 403 ORGANIZATION_SUSPENDED: the one answer every credential of a suspended organization gets (a user's JWT, an
    /// API key, a table token, a sign-in). The reason stays with operators; the caller is told whom to ask.
    /// </summary>
    /// <remarks><paramref name="keepsChanges"/> when the refusal's audit event must be saved (see <see cref="CXGearException.KeepsChanges"/>).</remarks>
    public static CXGearException SuspendedError(bool keepsChanges = false) =>
        new(ErrorCodes.OrganizationSuspended, "This organization is suspended. Contact support to restore access.") { KeepsChanges = keepsChanges };
}
