using System.Net;
using CXGear.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Jobs;

public sealed class RunAndTriggerTests : JobsTestBase
{
    [Test]
    public async Task Run_queues_a_job_on_the_current_version_with_one_record_per_row_snapshotting_the_metadata_fields()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var token = a.Admin.AccessToken;
        Assert.That(await PublishAsync(token, a.SpinnerId), Is.EqualTo(2));
        var fields = await SendAsync(HttpMethod.Put, $"/api/v1/data-tables/{a.TableId}/metadata-fields", new { fields = new[] { "city", "name" } }, token);
        Assert.That(fields.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var jobId = await RunAsync(token, a.SpinnerId);

        var job = await JobAsync(token, jobId);
        Assert.Multiple(() =>
        {
            Assert.That((string?)job["status"], Is.EqualTo("queued"));
            Assert.That((string?)job["origin"], Is.EqualTo("manual"));
            Assert.That((int?)job["version"], Is.EqualTo(2));
            Assert.That((int?)job["totalRecords"], Is.EqualTo(3));
            Assert.That(((int?)job["succeededRecords"], (int?)job["failedRecords"]), Is.EqualTo(((int?)0, (int?)0)));
            Assert.That(job["startedAt"], Is.Null);
            Assert.That(job["endedAt"], Is.Null);
            Assert.That(job["durationSeconds"], Is.Null);
        });
        var records = await JobRecordsAsync(token, jobId);
        Assert.That((int?)records["total"], Is.EqualTo(3));
        Assert.That(Payloads(records), Is.EqualTo(new[]
        {
            """{"name":"Name 1","city":"City 1"}""", """{"name":"Name 2","city":"City 2"}""", """{"name":"Name 3","city":"City 3"}""",
        }));
        var first = records["items"]![0]!;
        Assert.That(((long?)first["sequence"], (string?)first["status"], first["disposition"], first["startedAt"]), Is.EqualTo(((long?)1, "pending", (object?)null, (object?)null)));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((1L, 3L)));

        var list = await JobsAsync(token, a.ProjectId);
        Assert.That(list["items"]!.AsArray().Select(j => (string?)j!["id"]), Is.EqualTo(new[] { jobId }));
    }

    [Test]
    public async Task Without_metadata_fields_the_payload_holds_every_column_and_republishing_leaves_the_job_on_its_version()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var jobId = await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        await PublishAsync(a.Admin.AccessToken, a.SpinnerId);

        var records = await JobRecordsAsync(a.Admin.AccessToken, jobId);
        Assert.That(Payloads(records)[1], Is.EqualTo("""{"name":"Name 2","phone":"+15550002","city":"City 2"}"""));
        Assert.That((int?)(await JobAsync(a.Admin.AccessToken, jobId))["version"], Is.EqualTo(1));
    }

    [Test]
    public async Task A_trigger_with_inline_records_queues_an_api_job_over_those_rows()
    {
        var a = await ArrangeJobAsync(rows: 5);
        var key = await KeyAsync(a.Admin.AccessToken, "trigger");
        object[] rows = [new { name = "Ada", phone = "+1", city = "Paris" }, new { name = "Bob", city = (string?)null }];

        var jobId = await QueuedAsync(await TriggerRawAsync(key, a.SpinnerId, new { records = rows }));

        var job = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)job["origin"], (int?)job["totalRecords"]), Is.EqualTo(("api", (int?)2)));
        Assert.That(Payloads(await JobRecordsAsync(a.Admin.AccessToken, jobId)), Is.EqualTo(new[]
        {
            """{"name":"Ada","phone":"+1","city":"Paris"}""", """{"name":"Bob","phone":null,"city":null}""",
        }));
        Assert.That(await MonthlyMetersAsync(a.Admin.AccessToken), Is.EqualTo((1L, 2L)));
    }

    [Test]
    public async Task A_supporting_spinner_is_refused_by_run_trigger_and_schedule_and_counts_on_no_meter()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var child = await CreateSpinnerAsync(
            token, a.ProjectId, a.TableId, "Follow-up", "{'steps':[{'id':'f1','type':'tag','disposition':'FollowedUp'}]}", a.SpinnerId, new { field = "disposition", equals = "Other" });
        await PublishAsync(token, child);
        var key = await KeyAsync(token, "trigger");

        await AssertProblemAsync(await RunRawAsync(token, child), HttpStatusCode.Conflict, "CONFLICT");
        await AssertProblemAsync(await TriggerRawAsync(key, child), HttpStatusCode.Conflict, "CONFLICT");
        await AssertProblemAsync(await ScheduleRawAsync(token, child, "*/5 * * * *", "UTC"), HttpStatusCode.Conflict, "CONFLICT");

        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((0L, 0L)));
        Assert.That((await JobsAsync(token, a.ProjectId))["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task A_trigger_without_a_body_runs_the_whole_table()
    {
        var a = await ArrangeJobAsync(rows: 4);
        var key = await KeyAsync(a.Admin.AccessToken, "trigger");

        var jobId = await QueuedAsync(await TriggerRawAsync(key, a.SpinnerId));

        Assert.That((int?)(await JobAsync(a.Admin.AccessToken, jobId))["totalRecords"], Is.EqualTo(4));
        Assert.That(await MonthlyMetersAsync(a.Admin.AccessToken), Is.EqualTo((1L, 4L)));
    }

    [Test]
    public async Task Inline_records_are_checked_like_ingest_and_a_bad_batch_makes_no_job()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var key = await KeyAsync(a.Admin.AccessToken, "trigger");

        var unknown = await AssertProblemAsync(
            await TriggerRawAsync(key, a.SpinnerId, new { records = new[] { new { name = "Ada", email = "x" } } }), HttpStatusCode.BadRequest, "SCHEMA_MISMATCH");
        Assert.That(Strings(unknown["unknownColumns"]), Is.EqualTo(new[] { "email" }));
        var empty = await AssertProblemAsync(await TriggerRawAsync(key, a.SpinnerId, new { records = Array.Empty<object>() }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(empty["errors"]!["records"], Is.Not.Null, empty.ToJsonString());
        await AssertProblemAsync(
            await TriggerRawAsync(key, a.SpinnerId, new { records = Enumerable.Range(0, 501).Select(i => new { name = $"n{i}" }).ToArray() }),
            HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(
            await TriggerRawAsync(key, a.SpinnerId, new { records = new[] { new { name = new { nested = 1 } } } }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((int?)(await JobsAsync(a.Admin.AccessToken, a.ProjectId))["total"], Is.Zero);
        Assert.That(await MonthlyMetersAsync(a.Admin.AccessToken), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public async Task A_draft_only_spinner_is_409_spinner_not_published_for_run_and_trigger()
    {
        var a = await ArrangeJobAsync(rows: 2, publish: false);
        var key = await KeyAsync(a.Admin.AccessToken, "trigger");

        await AssertProblemAsync(await RunRawAsync(a.Admin.AccessToken, a.SpinnerId), HttpStatusCode.Conflict, "SPINNER_NOT_PUBLISHED");
        await AssertProblemAsync(await TriggerRawAsync(key, a.SpinnerId), HttpStatusCode.Conflict, "SPINNER_NOT_PUBLISHED");

        Assert.That((int?)(await JobsAsync(a.Admin.AccessToken, a.ProjectId))["total"], Is.Zero);
        Assert.That(await MonthlyMetersAsync(a.Admin.AccessToken), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public async Task More_rows_than_the_records_meter_has_left_is_plan_limit_with_no_job_no_records_and_no_meter_movement()
    {
        // Trial: 500 records a month. 501 rows never fit.
        var a = await ArrangeJobAsync(rows: 501);
        var token = a.Admin.AccessToken;

        var refused = await AssertProblemAsync(await RunRawAsync(token, a.SpinnerId), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        Assert.That(((string?)refused["meter"], (long?)refused["used"], (long?)refused["limit"]), Is.EqualTo(("records", (long?)0, (long?)500)));
        Assert.That(((long?)refused["required"], (long?)refused["remaining"]), Is.EqualTo(((long?)501, (long?)500)), "how many the run needed and how many are left");
        Assert.That((int?)(await JobsAsync(token, a.ProjectId))["total"], Is.Zero);
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((0L, 0L)), "the Jobs unit taken first rolled back too");
        var spinnerId = Guid.Parse(a.SpinnerId);
        Assert.That(await Seed.CountAsync(Factory, db => db.Jobs.IgnoreQueryFilters().Where(j => j.SpinnerId == spinnerId)), Is.Zero);
    }

    [Test]
    public async Task An_inline_trigger_over_what_is_left_of_the_records_meter_is_plan_limit_and_changes_nothing()
    {
        var a = await ArrangeJobAsync(rows: 450);
        var token = a.Admin.AccessToken;
        await RunAsync(token, a.SpinnerId);
        var key = await KeyAsync(token, "trigger");

        var refused = await AssertProblemAsync(
            await TriggerRawAsync(key, a.SpinnerId, new { records = Enumerable.Range(0, 51).Select(i => new { name = $"n{i}" }).ToArray() }),
            HttpStatusCode.Forbidden, "PLAN_LIMIT");
        Assert.That(((long?)refused["used"], (long?)refused["required"], (long?)refused["remaining"]), Is.EqualTo(((long?)450, (long?)51, (long?)50)));

        Assert.That((int?)(await JobsAsync(token, a.ProjectId))["total"], Is.EqualTo(1));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((1L, 450L)));
        await QueuedAsync(await TriggerRawAsync(key, a.SpinnerId, new { records = Enumerable.Range(0, 50).Select(i => new { name = $"n{i}" }).ToArray() }));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((2L, 500L)), "exactly what was left still fits");
    }

    [Test]
    public async Task Another_organizations_spinner_is_404_for_run_and_trigger()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var other = await SignUpAsync();
        var otherKey = await KeyAsync(other.AccessToken, "trigger");

        await AssertProblemAsync(await RunRawAsync(other.AccessToken, a.SpinnerId), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await TriggerRawAsync(otherKey, a.SpinnerId), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await MonthlyMetersAsync(other.AccessToken), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public async Task A_key_without_trigger_is_403_key_missing_scope()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var key = await KeyAsync(a.Admin.AccessToken, "ingest");

        await AssertProblemAsync(await TriggerRawAsync(key, a.SpinnerId), HttpStatusCode.Forbidden, "KEY_MISSING_SCOPE");
        Assert.That((int?)(await JobsAsync(a.Admin.AccessToken, a.ProjectId))["total"], Is.Zero);
    }

    [Test]
    public async Task With_the_jobs_meter_full_a_run_is_plan_limit_and_takes_no_records()
    {
        // Trial: 50 jobs a month.
        var a = await ArrangeJobAsync(rows: 1);
        var token = a.Admin.AccessToken;
        for (var i = 0; i < 50; i++)
        {
            await RunAsync(token, a.SpinnerId);
        }

        var refused = await AssertProblemAsync(await RunRawAsync(token, a.SpinnerId), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        Assert.That(((string?)refused["meter"], (long?)refused["required"], (long?)refused["remaining"]), Is.EqualTo(("jobs", (long?)1, (long?)0)), "every PLAN_LIMIT has the same members");
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((50L, 50L)));
        Assert.That((int?)(await JobsAsync(token, a.ProjectId))["total"], Is.EqualTo(50));
    }

    [Test]
    public async Task A_trigger_repeated_with_the_same_idempotency_key_makes_one_job()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var key = await KeyAsync(a.Admin.AccessToken, "trigger");

        async Task<HttpResponseMessage> TriggerOnceAsync()
        {
            var request = Request(HttpMethod.Post, $"/api/v1/public/trigger/{a.SpinnerId}", new { records = new[] { new { name = "Ada" } } }, key);
            request.Headers.Add("Idempotency-Key", "crm-event-1");
            return await Client.SendAsync(request);
        }

        var first = await QueuedAsync(await TriggerOnceAsync());
        var second = await QueuedAsync(await TriggerOnceAsync());

        Assert.That(second, Is.EqualTo(first));
        Assert.That((int?)(await JobsAsync(a.Admin.AccessToken, a.ProjectId))["total"], Is.EqualTo(1));
        Assert.That(await MonthlyMetersAsync(a.Admin.AccessToken), Is.EqualTo((1L, 1L)));
    }
}
