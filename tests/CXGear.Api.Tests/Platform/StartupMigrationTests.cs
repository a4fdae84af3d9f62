using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Infrastructure.Persistence;
using CXGear.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Platform;

/// <summary>
/// Every other fixture starts on a copy of the migrated template; this one starts on an empty file (or an empty
/// PostgreSQL database), as <c>dotnet run</c> does on a new machine, so the real migrations of both engines still run
/// through the start-up path in every test run.
/// </summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class StartupMigrationTests : ApiTestBase
{
    public StartupMigrationTests(TestEngine engine) => Engine = engine;

    protected override void Configure(CXGearApiFactory factory) => factory.MigrateFromEmpty = true;

    [Test]
    public async Task Start_up_migrates_an_empty_database_to_the_last_migration_and_serves_requests()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        var signedUp = await SignUpAsync();

        Assert.That(applied, Is.EqualTo(db.Database.GetMigrations()), "every migration in the assembly, in order");
        Assert.That(applied, Is.Not.Empty);
        Assert.That((await GetAsync("/api/v1/me", signedUp.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_engine_is_set_up_as_the_provider_needs_it()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        if (Engine == TestEngine.Sqlite)
        {
            query.CommandText = "PRAGMA journal_mode";
            Assert.That((string?)await query.ExecuteScalarAsync(), Is.EqualTo("wal"));
            return;
        }

        // Every instant is stored as timestamptz (UTC), none as a local "timestamp without time zone".
        query.CommandText =
            """
            SELECT data_type, count(*) FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type LIKE 'timestamp%' GROUP BY data_type
            """;
        var types = new Dictionary<string, long>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                types[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        Assert.That(types.Keys, Is.EquivalentTo(new[] { "timestamp with time zone" }), string.Join(", ", types));
        Assert.That(types["timestamp with time zone"], Is.GreaterThan(50));
    }
}
