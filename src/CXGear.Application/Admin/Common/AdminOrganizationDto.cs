namespace CXGear.Application.Admin.Common;

/// <summary>One meter of an organization as operators see it; <c>Limit</c> null means unlimited.</summary>
public sealed record OrganizationMeterUsageDto(string Meter, long Used, long? Limit);

/// <summary>
/// An organization in the operators' console: its plan, its people, how much of the plan it uses, and whether it is
/// suspended (<c>status</c> <c>active</c> or <c>suspended</c>; when suspended, since when and why).
/// </summary>
public sealed record AdminOrganizationDto(
    Guid Id,
    string Name,
    string Plan,
    DateTime CreatedAt,
    int ActiveUsers,
    IReadOnlyList<OrganizationMeterUsageDto> Usage,
    string Status,
    DateTime? SuspendedAt,
    string? SuspensionReason);
