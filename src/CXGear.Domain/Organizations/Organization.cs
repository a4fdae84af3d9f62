using CXGear.Domain.Common;

namespace CXGear.Domain.Organizations;

/// <summary>The company account: users, roles, keys and projects all belong to one.</summary>
public sealed class Organization
{
    public const int MaxNameLength = 200;
    public const int MaxSuspensionReasonLength = 500;

    /// <summary>
    /// The platform's own account, which holds the operators. It is seeded by migration, never listed to
    /// operators and never metered; belonging to it is what makes an account an operator.
    /// </summary>
    public static readonly Guid PlatformId = new("0199a000-0000-7000-8000-0000000000ff");

    public const string PlatformName = "CXGear Operations";

    private Organization() => Name = string.Empty;

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public PlanId Plan { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// Set while an operator has suspended the organization: its users, keys and table tokens are refused with 403
    /// ORGANIZATION_SUSPENDED and the runtime leaves its jobs alone (docs/decisions/0033-organization-suspension.md).
    /// Null means active; the one column every per-request credential check reads.
    /// </summary>
    public DateTime? SuspendedAt { get; private set; }

    /// <summary>The operator's reason for the suspension; null while active.</summary>
    public string? SuspensionReason { get; private set; }

    public bool IsSuspended => SuspendedAt is not null;

    public OrganizationStatus Status => IsSuspended ? OrganizationStatus.Suspended : OrganizationStatus.Active;

    /// <summary>Every organization starts on the Trial plan (docs/api.md#plans-and-meters).</summary>
    public static Organization SignUp(string name, DateTime now)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            throw new CXGearException(ErrorCodes.ValidationError, "Organization name is required.");
        }

        return new Organization { Id = Ids.New(now), Name = trimmed, Plan = PlanId.Trial, CreatedAt = now };
    }

    public bool IsPlatform => Id == PlatformId;

    public void ChangePlan(PlanId plan)
    {
        if (IsPlatform)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The platform organization has no plan to change.");
        }

        Plan = plan;
    }

    /// <summary>
    /// Suspends the organization with a reason (required, at most <see cref="MaxSuspensionReasonLength"/> characters).
    /// Suspending a suspended organization keeps the first instant and takes the new reason. False when nothing changed.
    /// </summary>
    public bool Suspend(string reason, DateTime now)
    {
        if (IsPlatform)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The platform organization cannot be suspended.");
        }

        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxSuspensionReasonLength)
        {
            throw new CXGearException(ErrorCodes.ValidationError, $"A suspension needs a reason of at most {MaxSuspensionReasonLength} characters.");
        }

        if (IsSuspended && SuspensionReason == trimmed)
        {
            return false;
        }

        SuspendedAt ??= now;
        SuspensionReason = trimmed;
        return true;
    }

    /// <summary>Lifts a suspension; false when the organization was already active.</summary>
    public bool Reactivate()
    {
        if (!IsSuspended)
        {
            return false;
        }

        SuspendedAt = null;
        SuspensionReason = null;
        return true;
    }
}
