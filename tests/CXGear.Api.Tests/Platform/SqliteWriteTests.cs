using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Common.Abstractions;
using CXGear.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Platform;

/// <summary>How concurrent writers meet on SQLite: in order within the process, and SQLite's own wait beyond it.</summary>
public sealed class SqliteWriteTests : ApiTestBase
{
    /// <summary>SQLite only, whatever CXGEAR_TEST_ENGINE says: SQLite's own write turns and busy timeout.</summary>
    public SqliteWriteTests() => Engine = TestEngine.Sqlite;

    [Test]
    public async Task Writers_of_one_database_take_turns_in_this_process()
    {
        using var firstScope = Factory.Services.CreateScope();
        using var secondScope = Factory.Services.CreateScope();
        var first = firstScope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<IApplicationDbContext>();

        var held = await first.EnterWriteTurnAsync(CancellationToken.None);
        var waiting = second.EnterWriteTurnAsync(CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.That(held, Is.Not.Null);
        Assert.That(waiting.IsCompleted, Is.False, "the second writer waits for the first");

        held!.Dispose();
        using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(next, Is.Not.Null);
    }

    [Test]
    public async Task A_writer_that_gives_up_waiting_does_not_take_a_turn()
    {
        using var firstScope = Factory.Services.CreateScope();
        using var secondScope = Factory.Services.CreateScope();
        var first = firstScope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        using var held = await first.EnterWriteTurnAsync(CancellationToken.None);
        using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.CatchAsync<OperationCanceledException>(async () => await second.EnterWriteTurnAsync(patience.Token));

        held!.Dispose();
        using var after = await second.EnterWriteTurnAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(after, Is.Not.Null, "the cancelled wait left the gate free");
    }

    [Test]
    public async Task Every_connection_lets_sqlite_wait_for_the_write_lock()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";

            Assert.That(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(30_000));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
