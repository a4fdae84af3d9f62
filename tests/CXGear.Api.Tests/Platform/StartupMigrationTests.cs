using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Platform;

/// <summary>
/// Every other fixture starts on a copy of the migrated template; this one starts on an empty file, as <c>dotnet run</c>
/// does on a new machine, so the real migrations still run through the start-up path in every test run.
/// </summary>
public sealed class StartupMigrationTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory) => factory.MigrateFromEmpty = true;

    [Test]
    public async Task Start_up_migrates_an_empty_file_to_the_last_migration_in_wal_mode_and_serves_requests()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        var journal = (string?)await pragma.ExecuteScalarAsync();
        var signedUp = await SignUpAsync();

        Assert.That(applied, Is.EqualTo(db.Database.GetMigrations()), "every migration in the assembly, in order");
        Assert.That(applied, Is.Not.Empty);
        Assert.That(journal, Is.EqualTo("wal"));
        Assert.That((await GetAsync("/api/v1/me", signedUp.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
