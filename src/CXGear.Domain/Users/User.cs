using CXGear.Domain.Billing;
using CXGear.Domain.Common;

namespace CXGear.Domain.Users;

/// <summary>
/// A person in an organization. Credentials (password hash, security stamp) live in the identity
/// store under the same id; this entity holds what the product reasons about.
/// </summary>
public sealed class User : IHoldsMeterUnits, IRecordsMeterChanges
{
    public const int MaxFullNameLength = 200;
    public const int MaxEmailLength = 254;

    private readonly List<UserRole> _roles = [];
    private readonly MeterChangeLog _meterChanges = new();

    private User()
    {
        FullName = string.Empty;
        Email = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string FullName { get; private set; }
    public string Email { get; private set; }
    public UserStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastLoginAt { get; private set; }
    public IReadOnlyCollection<UserRole> Roles => _roles;

    public bool IsActive => Status == UserStatus.Active;

    /// <summary>An active user holds a seat; a disabled one does not.</summary>
    public IEnumerable<MeterChange> HeldUnits() => IsActive ? [new MeterChange(OrganizationId, Meter.Users, 1)] : [];

    public IReadOnlyList<MeterChange> DrainMeterChanges() => _meterChanges.Drain();

    public static User Create(Guid organizationId, string fullName, string email, IEnumerable<Guid> roleIds, DateTime now)
    {
        var name = fullName?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Length > MaxFullNameLength)
        {
            throw new CXGearException(ErrorCodes.ValidationError, "Full name is required.");
        }

        var user = new User
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            FullName = name,
            Email = email.Trim(),
            Status = UserStatus.Active,
            CreatedAt = now,
        };
        foreach (var roleId in roleIds.Distinct())
        {
            user._roles.Add(new UserRole(user.Id, roleId));
        }

        return user;
    }

    public void RecordLogin(DateTime now) => LastLoginAt = now;

    public bool HasRole(Guid roleId) => _roles.Any(r => r.RoleId == roleId);

    /// <summary>A user holds one or more roles; the caller has already checked the ids belong to the organization.</summary>
    public void ReplaceRoles(IEnumerable<Guid> roleIds)
    {
        var wanted = roleIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            throw new CXGearException(ErrorCodes.ValidationError, "A user holds at least one role.");
        }

        _roles.RemoveAll(r => !wanted.Contains(r.RoleId));
        foreach (var roleId in wanted.Where(id => !HasRole(id)))
        {
            _roles.Add(new UserRole(Id, roleId));
        }
    }

    /// <summary>Frees the user's seat. Returns false when the user was already disabled (nothing to end).</summary>
    public bool Disable()
    {
        if (Status == UserStatus.Disabled)
        {
            return false;
        }

        Status = UserStatus.Disabled;
        _meterChanges.GiveBack(OrganizationId, Meter.Users);
        return true;
    }

    /// <summary>Takes a seat again (PLAN_LIMIT at commit when the plan is full). Returns false when already active.</summary>
    public bool Enable()
    {
        if (Status == UserStatus.Active)
        {
            return false;
        }

        Status = UserStatus.Active;
        _meterChanges.Take(OrganizationId, Meter.Users);
        return true;
    }
}
