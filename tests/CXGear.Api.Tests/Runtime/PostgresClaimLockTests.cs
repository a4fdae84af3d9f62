using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Webhooks;
using CXGear.Tests.Shared;
using Npgsql;

namespace CXGear.Api.Tests.Runtime;

/// <summary>
/// PostgreSQL only: claims (jobs, webhook deliveries) lock their row with <c>FOR UPDATE SKIP LOCKED</c>, so an instance
/// never waits on a row another transaction holds (another instance's claim, say); it moves on. SQLite has no row locks
/// to skip.
/// </summary>
public sealed class PostgresClaimLockTests : WebhooksTestBase
{
    public PostgresClaimLockTests() => Engine = TestEngine.Postgres;

    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Webhooks:AllowPrivateNetworks"] = "true";

    [Test]
    public async Task A_claim_skips_a_job_whose_row_another_transaction_holds_instead_of_waiting_for_it()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var jobId = Guid.Parse(await RunAsync(a.Admin.AccessToken, a.SpinnerId));
        await using var holder = new NpgsqlConnection(Factory.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("""SELECT 1 FROM "Jobs" WHERE "Id" = @id FOR UPDATE""", holder, transaction))
        {
            hold.Parameters.AddWithValue("id", jobId);
            await hold.ExecuteScalarAsync();
        }

        var claim = Runner.TryClaimAsync(jobId, CancellationToken.None);
        var first = await Task.WhenAny(claim, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.That(first, Is.SameAs(claim), "the claim returned at once instead of waiting for the other transaction");
        Assert.That(await claim, Is.False, "a held row is skipped, not taken");
        await transaction.RollbackAsync();
        Assert.That(await Runner.TryClaimAsync(jobId, CancellationToken.None), Is.True, "released, the job is claimed");
    }

    [Test]
    public async Task The_dispatcher_skips_a_delivery_whose_row_another_transaction_holds_instead_of_waiting_for_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        await CreateEndpointAsync(token, receiver.Url);
        await RotateIngestAsync(token, a.TableId);
        await using var holder = new NpgsqlConnection(Factory.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("""SELECT 1 FROM "WebhookDeliveries" FOR UPDATE""", holder, transaction))
        {
            Assert.That(await hold.ExecuteScalarAsync(), Is.EqualTo(1), "one delivery is due and now held");
        }

        var run = Dispatcher.RunOnceAsync(CancellationToken.None);
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.That(first, Is.SameAs(run), "the dispatcher returned at once instead of waiting for the other transaction");
        Assert.That(await run, Is.Zero);
        Assert.That(receiver.Requests, Is.Empty);
        await transaction.RollbackAsync();
        Assert.That(await Dispatcher.RunOnceAsync(CancellationToken.None), Is.EqualTo(1), "released, it is delivered");
        Assert.That(receiver.Requests, Has.Count.EqualTo(1));
    }
}
