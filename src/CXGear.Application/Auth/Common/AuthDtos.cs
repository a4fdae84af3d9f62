using CXGear.Domain.Organizations;
using CXGear.Domain.Sessions;
using CXGear.Domain.Users;

namespace CXGear.Application.Auth.Common;

public sealed record SessionDto(Guid Id, string DeviceLabel, string IpAddress, DateTime StartedAt, DateTime LastActiveAt, DateTime ExpiresAt)
{
    public static SessionDto From(Session s) => new(s.Id, s.DeviceLabel, s.IpAddress, s.StartedAt, s.LastActiveAt, s.ExpiresAt);
}

public sealed record UserSummaryDto(Guid Id, string FullName, string Email, string Status, DateTime? LastLoginAt)
{
    public static UserSummaryDto From(User u) => new(u.Id, u.FullName, u.Email, u.Status.ToString().ToLowerInvariant(), u.LastLoginAt);
}

public sealed record OrganizationDto(Guid Id, string Name, string Plan)
{
    public static OrganizationDto From(Organization o) => new(o.Id, o.Name, o.Plan.ToString().ToLowerInvariant());
}

/// <summary>The token pair and who it is for: the answer of sign-up, login and refresh.</summary>
public sealed record AuthResult(
    string AccessToken,
    string TokenType,
    int ExpiresIn,
    DateTime AccessTokenExpiresAt,
    string RefreshToken,
    SessionDto Session,
    UserSummaryDto User,
    OrganizationDto Organization);
