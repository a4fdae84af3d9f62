using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Queries.GetMe;

public sealed record GetMeQuery : IQuery<MeDto>, IRequireSignedIn;

public sealed record RoleSummaryDto(Guid Id, string Name, bool IsSystem);

public sealed record PlanDto(string Id, string Name);

public sealed record MeDto(
    UserSummaryDto User,
    OrganizationDto Organization,
    IReadOnlyList<RoleSummaryDto> Roles,
    IReadOnlyList<string> Permissions,
    PlanDto Plan,
    SessionDto Session);

public sealed class GetMeHandler(IApplicationDbContext db, ICurrentPrincipal principal, IPermissionReader permissions)
    : IQueryHandler<GetMeQuery, MeDto>
{
    public async ValueTask<MeDto> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var userId = principal.UserId!.Value;
        var user = await db.Users.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var organization = await db.Organizations.IgnoreQueryFilters().AsNoTracking().FirstAsync(o => o.Id == user.OrganizationId, cancellationToken);
        var session = await db.Sessions.IgnoreQueryFilters().AsNoTracking().FirstAsync(s => s.Id == principal.SessionId, cancellationToken);
        var roleIds = user.Roles.Select(r => r.RoleId).ToList();
        var roles = await db.Roles.AsNoTracking()
            .Where(r => roleIds.Contains(r.Id))
            .OrderBy(r => r.Name)
            .Select(r => new RoleSummaryDto(r.Id, r.Name, r.IsSystem))
            .ToListAsync(cancellationToken);
        var granted = await permissions.GetPermissionsAsync(userId, cancellationToken);
        var orgDto = OrganizationDto.From(organization);
        return new MeDto(
            UserSummaryDto.From(user),
            orgDto,
            roles,
            granted.Order(StringComparer.Ordinal).ToList(),
            new PlanDto(orgDto.Plan, organization.Plan.ToString()),
            SessionDto.From(session));
    }
}
