using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Roles.Common;
using Mediator;

namespace CXGear.Application.Roles.Queries.GetRole;

/// <summary>One role: what the <c>Location</c> of a created role points at. Readable by any member, like the list.</summary>
public sealed record GetRoleQuery(Guid Id) : IQuery<RoleDto>, IRequireUser;

public sealed class GetRoleHandler(IApplicationDbContext db) : IQueryHandler<GetRoleQuery, RoleDto>
{
    public async ValueTask<RoleDto> Handle(GetRoleQuery query, CancellationToken cancellationToken)
    {
        var role = await db.GetRoleAsync(query.Id, cancellationToken);
        return await db.ToDtoAsync(role, cancellationToken);
    }
}
