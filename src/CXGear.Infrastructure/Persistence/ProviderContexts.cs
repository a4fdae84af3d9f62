using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Sessions;
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

/// <summary>
/// PostgreSQL: a server engine with row locks that runs on the development machines and in CI, so the multi-instance
/// claims are proven on one (docs/decisions/0037). Migrations in <c>Migrations/Postgres</c>. Like SQL Server it takes
/// no write turns: writers of different rows run side by side.
/// </summary>
public sealed class PostgresAppDbContext(
    DbContextOptions<PostgresAppDbContext> options, ICurrentPrincipal? principal = null, UsageMeters? meters = null)
    : AppDbContext(options, principal, meters)
{
    /// <summary>Queries tagged by <c>RowLocks.ForUpdateSkipLocked</c> end in <c>FOR UPDATE SKIP LOCKED</c> here.</summary>
    public override bool SkipsLockedRows => true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The shared filter names the column bare, which PostgreSQL folds to lower case; here it is quoted.
        builder.Entity<Session>().HasIndex(s => s.UserId).IsUnique().HasFilter("\"EndReason\" IS NULL").HasDatabaseName("UX_Sessions_OpenPerUser");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // Said rather than left to Npgsql's default: every instant is UTC (the converter makes sure of it), which is
        // what timestamptz holds; "timestamp without time zone" would refuse UTC values and lose their meaning.
        configurationBuilder.Properties<DateTime>().HaveColumnType("timestamp with time zone");
        configurationBuilder.Properties<DateTime?>().HaveColumnType("timestamp with time zone");
    }
}
