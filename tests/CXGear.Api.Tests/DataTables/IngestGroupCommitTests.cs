using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.DataTables;

/// <summary>
/// Ingest's group commit (docs/decisions/0036-ingest-group-commit.md) made deterministic: the writer waits up to
/// <c>MaxWait</c> on the test's clock for more batches, so a group holds exactly the batches the test queued (it waits
/// on <see cref="IngestGroupCommit.Queued"/>) until the test moves the clock.
/// </summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class IngestGroupCommitTests : PublicIngestTestBase
{
    public IngestGroupCommitTests(TestEngine engine) => Engine = engine;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    protected override void Configure(CXGearApiFactory factory) =>
        factory.Settings["Ingest:GroupCommit:MaxWait"] = Wait.ToString();

    private IngestGroupCommit Group => Factory.Services.GetRequiredService<IngestGroupCommit>();

    [Test]
    public async Task Two_batches_into_one_table_share_a_group_and_are_numbered_in_arrival_order_without_gaps()
    {
        var arranged = await ArrangeAsync();

        var first = await QueueAsync(() => IngestAsync(arranged.Key, arranged.TableId, Records(3, from: 0)), pending: 1);
        var second = await QueueAsync(() => IngestAsync(arranged.Key, arranged.TableId, Records(2, from: 100)), pending: 2);
        Assert.That(first.IsCompleted || second.IsCompleted, Is.False, "both wait for the group's commit");
        Advance(Wait);

        await OkAsync(await first, 3);
        await OkAsync(await second, 2);
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(5));
        var rows = (await RowsAsync(arranged.Admin.AccessToken, arranged.TableId, "?pageSize=10"))["items"]!.AsArray();
        Assert.That(rows.Select(r => (long)r!["sequence"]!), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        Assert.That(rows.Select(r => (string)r!["values"]!["name"]!), Is.EqualTo(new[] { "Ada 0", "Ada 1", "Ada 2", "Ada 100", "Ada 101" }));
    }

    [Test]
    public async Task A_batch_whose_table_was_replaced_while_it_waited_fails_alone_and_the_rest_of_its_group_commits()
    {
        var arranged = await ArrangeAsync();
        var other = await CreateTableAsync(arranged.Admin.AccessToken, await ProjectOfAsync(arranged), "Other", Columns);

        var committed = await QueueAsync(() => IngestAsync(arranged.Key, arranged.TableId, Records(3)), pending: 1);
        var refused = await QueueAsync(() => IngestAsync(arranged.Key, other, Records(2)), pending: 2);

        // Checked against the old columns before it was queued; the group finds the new ones.
        await ImportAsync(arranged.Admin.AccessToken, other, "email,city\nada@example.com,Paris\n", replace: true);
        Advance(Wait);

        await OkAsync(await committed, 3);
        var problem = await AssertProblemAsync(await refused, HttpStatusCode.BadRequest, "SCHEMA_MISMATCH");
        Assert.That((string?)problem["message"], Does.Contain("nothing was inserted"));
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(3));
        var otherRows = (await RowsAsync(arranged.Admin.AccessToken, other, "?pageSize=10"))["items"]!.AsArray();
        Assert.That(otherRows.Select(r => (string)r!["values"]!["email"]!), Is.EqualTo(new[] { "ada@example.com" }), "only the import's row");
        Assert.That((long)(await TableAsync(arranged.Admin.AccessToken, other))["rowCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task A_batch_whose_table_was_deleted_while_it_waited_is_404_and_its_group_still_commits()
    {
        var arranged = await ArrangeAsync();
        var doomed = await CreateTableAsync(arranged.Admin.AccessToken, await ProjectOfAsync(arranged), "Doomed", Columns);

        var committed = await QueueAsync(() => IngestAsync(arranged.Key, arranged.TableId, Records(3)), pending: 1);
        var refused = await QueueAsync(() => IngestAsync(arranged.Key, doomed, Records(2)), pending: 2);
        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/data-tables/{doomed}", token: arranged.Admin.AccessToken);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        Advance(Wait);

        await OkAsync(await committed, 3);
        await AssertProblemAsync(await refused, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(3));
    }

    [Test]
    public async Task Batches_of_two_organizations_share_a_group_and_each_lands_in_its_own_table_with_meters_unchanged()
    {
        var acme = await ArrangeAsync();
        var globex = await ArrangeAsync();
        var usageBefore = await UsageAsync(acme.Admin.AccessToken);

        var toAcme = await QueueAsync(() => IngestAsync(acme.Key, acme.TableId, Records(4)), pending: 1);
        var toGlobex = await QueueAsync(() => IngestAsync(globex.Key, globex.TableId, Records(6)), pending: 2);
        Advance(Wait);

        await OkAsync(await toAcme, 4);
        await OkAsync(await toGlobex, 6);
        Assert.That(await RowCountAsync(acme), Is.EqualTo(4));
        Assert.That(await RowCountAsync(globex), Is.EqualTo(6));
        Assert.That(await UsageAsync(acme.Admin.AccessToken), Is.EqualTo(usageBefore), "ingested rows hold no plan units");
    }

    [Test]
    public async Task A_retried_idempotent_batch_replays_the_groups_answer_and_is_stored_once()
    {
        var arranged = await ArrangeAsync();

        var first = await QueueAsync(() => IngestAsync(arranged.Key, arranged.TableId, Records(3), idempotencyKey: "group-1"), pending: 1);
        Advance(Wait);
        await OkAsync(await first, 3);
        var retry = await IngestAsync(arranged.Key, arranged.TableId, Records(3), idempotencyKey: "group-1");

        await OkAsync(retry, 3);
        Assert.That(retry.Headers.GetValues("Idempotency-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(3));
    }

    [Test]
    public async Task A_group_locks_its_tables_in_id_order_whatever_order_its_batches_arrived_in()
    {
        Assume.That(Engine, Is.EqualTo(TestEngine.Postgres), "row locks between transactions: PostgreSQL (SQLite locks the whole database)");
        var arranged = await ArrangeAsync();
        var other = await CreateTableAsync(arranged.Admin.AccessToken, await ProjectOfAsync(arranged), "Other", Columns);
        var (low, high) = Guid.Parse(arranged.TableId).CompareTo(Guid.Parse(other)) < 0 ? (arranged.TableId, other) : (other, arranged.TableId);

        // Another writer (another instance's group, say) holds the lower table.
        await using var holder = await OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, """UPDATE "DataTables" SET "UpdatedAt" = "UpdatedAt" WHERE "Id" = @id""", low);

        // The higher table's batch arrives first; the group must still take the lower lock first, so while it waits
        // there it holds nothing another instance's group could be waiting for.
        var toHigh = await QueueAsync(() => IngestAsync(arranged.Key, high, Records(2)), pending: 1);
        var toLow = await QueueAsync(() => IngestAsync(arranged.Key, low, Records(3)), pending: 2);
        Advance(Wait);
        await WaitUntilALockIsAwaitedAsync(holder);

        await using (var probe = await OpenAsync())
        {
            await using var probing = await probe.BeginTransactionAsync();
            await Assert.DoesNotThrowAsync(
                () => ExecuteAsync(probe, """SELECT 1 FROM "DataTables" WHERE "Id" = @id FOR UPDATE NOWAIT""", high),
                "the waiting group holds no lock on the higher table");
        }

        await holding.CommitAsync();
        await OkAsync(await toHigh, 2);
        await OkAsync(await toLow, 3);
    }

    private async Task<Npgsql.NpgsqlConnection> OpenAsync()
    {
        var connection = new Npgsql.NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(Npgsql.NpgsqlConnection connection, string sql, string id)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls the server's own view until another session of this database waits on a lock (the group).</summary>
    private static async Task WaitUntilALockIsAwaitedAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            """SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()""",
            connection);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the group never waited on the held table");
            await Task.Delay(20);
        }
    }

    /// <summary>Starts the request and returns once its batch is in the writer's queue (or being grouped).</summary>
    private async Task<Task<HttpResponseMessage>> QueueAsync(Func<Task<HttpResponseMessage>> send, int pending)
    {
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnQueued(int count)
        {
            if (count >= pending)
            {
                queued.TrySetResult();
            }
        }

        Group.Queued += OnQueued;
        try
        {
            var response = send();
            await Task.WhenAny(queued.Task, response);
            Assert.That(queued.Task.IsCompleted, Is.True, response.IsCompleted ? await response.Result.Content.ReadAsStringAsync() : "not queued");
            return response;
        }
        finally
        {
            Group.Queued -= OnQueued;
        }
    }

    private async Task<string> ProjectOfAsync(Arranged arranged) =>
        (string)(await TableAsync(arranged.Admin.AccessToken, arranged.TableId))["projectId"]!;

    private async Task<string> UsageAsync(string token)
    {
        var response = await GetAsync("/api/v1/billing", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["meters"]!.ToJsonString();
    }
}
