using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Users.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Users.Queries.GetUser;

public sealed record GetUserQuery(Guid Id) : IQuery<UserDto>, IRequirePermission
{
    public string Permission => Permissions.UsersManage;
}

public sealed class GetUserHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<GetUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == query.Id, cancellationToken)
            ?? throw UserNotFound.Error();
        return await db.ToDtoAsync(user, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
