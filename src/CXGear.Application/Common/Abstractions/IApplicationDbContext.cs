using CXGear.Domain.Auth;
using CXGear.Domain.Authorization;
using CXGear.Domain.Organizations;
using CXGear.Domain.Sessions;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CXGear.Application.Common.Abstractions;

/// <summary>The unit of work handlers use. Handlers query it directly; there is no repository layer over it.</summary>
public interface IApplicationDbContext
{
    DbSet<Organization> Organizations { get; }
    DbSet<User> Users { get; }
    DbSet<Role> Roles { get; }
    DbSet<Session> Sessions { get; }
    DbSet<RefreshToken> RefreshTokens { get; }
    DbSet<PasswordResetToken> PasswordResetTokens { get; }
    DbSet<LoginThrottle> LoginThrottles { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
