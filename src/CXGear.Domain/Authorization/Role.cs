namespace CXGear.Domain.Authorization;

/// <summary>
/// A named bundle of permission keys. System roles (no organization) are shared by every
/// organization and read-only; custom roles belong to one organization.
/// </summary>
public sealed class Role
{
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
    public IReadOnlyList<string> Permissions => _permissions;
}
