namespace CXGear.Domain.Users;

/// <summary>Assignment of a role to a user (a user holds one or more roles).</summary>
public sealed class UserRole(Guid userId, Guid roleId)
{
    public Guid UserId { get; private set; } = userId;
    public Guid RoleId { get; private set; } = roleId;
}
