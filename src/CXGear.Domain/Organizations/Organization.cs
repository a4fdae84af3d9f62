using CXGear.Domain.Common;

namespace CXGear.Domain.Organizations;

/// <summary>The company account: users, roles, keys and projects all belong to one.</summary>
public sealed class Organization
{
    public const int MaxNameLength = 200;

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
}
