using CXGear.Domain.Common;

namespace CXGear.Domain.Authorization;

/// <summary>
/// A named bundle of permission keys. System roles (no organization) are shared by every
/// organization and read-only; custom roles belong to one organization, start as a copy of the
/// system role they extend, and can be renamed, edited and deleted.
/// </summary>
public sealed class Role
{
    public const int MaxNameLength = 100;

    private List<string> _permissions = [];

    private Role() => Name = string.Empty;

    internal Role(Guid id, Guid? organizationId, string name, bool isSystem, IEnumerable<string> permissions)
    {
        Id = id;
        OrganizationId = organizationId;
        Name = name;
        IsSystem = isSystem;
        _permissions = permissions.Distinct(StringComparer.Ordinal).ToList();
    }

    public Guid Id { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public string Name { get; private set; }
    public bool IsSystem { get; private set; }
    public Guid? BasedOnRoleId { get; private set; }
    public IReadOnlyList<string> Permissions => _permissions;

    public bool GrantsEverything => _permissions.Contains(Authorization.Permissions.All, StringComparer.Ordinal);

    /// <summary>
    /// "Extend as new role": a copy of <paramref name="basedOn"/>'s keys, or the given ones. Admin's <c>*</c>
    /// is spelled out as every catalog key, because <c>*</c> itself cannot be granted by a custom role.
    /// </summary>
    public static Role Extend(Guid organizationId, Role basedOn, string name, IEnumerable<string>? permissions, DateTime now)
    {
        if (!basedOn.IsSystem)
        {
            throw new CXGearException(ErrorCodes.ValidationError, "A custom role extends one of the system roles.");
        }

        var initial = permissions ?? (basedOn.GrantsEverything ? Authorization.Permissions.Catalog : basedOn.Permissions);
        var role = new Role(Ids.New(now), organizationId, ValidName(name), isSystem: false, [])
        {
            BasedOnRoleId = basedOn.Id,
        };
        role._permissions = ValidPermissions(initial);
        return role;
    }

    public void Rename(string name)
    {
        EnsureEditable();
        Name = ValidName(name);
    }

    public void ReplacePermissions(IEnumerable<string> permissions)
    {
        EnsureEditable();
        _permissions = ValidPermissions(permissions);
    }

    public void EnsureEditable()
    {
        if (IsSystem)
        {
            throw new CXGearException(ErrorCodes.Conflict, $"{Name} is a system role and cannot be changed. Extend it as a new role instead.");
        }
    }

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length is > 0 and <= MaxNameLength
            ? trimmed
            : throw new CXGearException(ErrorCodes.ValidationError, $"Role name is required and at most {MaxNameLength} characters.");
    }

    private static List<string> ValidPermissions(IEnumerable<string> permissions)
    {
        var list = permissions.Distinct(StringComparer.Ordinal).ToList();
        if (list.Contains(Authorization.Permissions.All, StringComparer.Ordinal))
        {
            throw new CXGearException(ErrorCodes.ValidationError, "'*' is reserved for the system Admin role and cannot be granted by a custom role.");
        }

        var unknown = list.Where(p => !Authorization.Permissions.IsKnown(p)).ToList();
        if (unknown.Count > 0)
        {
            throw new CXGearException(ErrorCodes.ValidationError, $"Unknown permission key(s): {string.Join(", ", unknown)}.");
        }

        return list.Order(StringComparer.Ordinal).ToList();
    }
}
