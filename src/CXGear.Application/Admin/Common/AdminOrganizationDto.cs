namespace CXGear.Application.Admin.Common;

/// <summary>One meter of an organization as operators see it; <c>Limit</c> null means unlimited.</summary>
public sealed record OrganizationMeterUsageDto(string Meter, long Used, long? Limit);

/// <summary>An organization in the operators' console: its plan, its people and how much of the plan it uses.</summary>
public sealed record AdminOrganizationDto(
    Guid Id,
    string Name,
    string Plan,
    DateTime CreatedAt,
    int ActiveUsers,
    IReadOnlyList<OrganizationMeterUsageDto> Usage);
