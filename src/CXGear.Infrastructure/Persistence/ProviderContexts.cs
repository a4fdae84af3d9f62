using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Billing;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Persistence;

/// <summary>SQLite: the embedded default and the test database. Migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteAppDbContext(
    DbContextOptions<SqliteAppDbContext> options, ICurrentPrincipal? principal = null, UsageMeters? meters = null)
    : AppDbContext(options, principal, meters)
{
    public override async ValueTask<IDisposable?> EnterWriteTurnAsync(CancellationToken cancellationToken) =>
        await SqliteWriteTurns.EnterAsync(Database.GetDbConnection().DataSource, cancellationToken);
}

/// <summary>SQL Server: production. Migrations in <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerAppDbContext(
    DbContextOptions<SqlServerAppDbContext> options, ICurrentPrincipal? principal = null, UsageMeters? meters = null)
    : AppDbContext(options, principal, meters);
