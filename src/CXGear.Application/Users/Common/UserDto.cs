using CXGear.Domain.Users;

namespace CXGear.Application.Users.Common;

public sealed record UserRoleDto(Guid Id, string Name);

/// <summary>
/// A user as the admin list shows them. Device, IP and last activity come from the user's open session
/// (null without one); <c>online</c> is true only while that session is live; <c>lastLoginAt</c> null means never signed in.
/// </summary>
public sealed record UserDto(
    Guid Id,
    string FullName,
    string Email,
    IReadOnlyList<UserRoleDto> Roles,
    string Status,
    bool Online,
    string? DeviceLabel,
    string? IpAddress,
    DateTime? LastActiveAt,
    DateTime? LastLoginAt);

public static class UserStatuses
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    public static string ToWire(this UserStatus status) => status == UserStatus.Active ? Active : Disabled;

    public static UserStatus? FromWire(string? value) => value switch
    {
        Active => UserStatus.Active,
        Disabled => UserStatus.Disabled,
        _ => null,
    };
}
