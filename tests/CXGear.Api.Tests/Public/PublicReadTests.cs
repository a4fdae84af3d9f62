using System.Net;
using CXGear.Api.Tests.Jobs;

namespace CXGear.Api.Tests.Public;

/// <summary>The two reads an integration may make with its API key: a table's schema (ingest) and a job (trigger).</summary>
public sealed class PublicReadTests : JobsTestBase
{
    [Test]
    public async Task An_ingest_key_reads_its_tables_schema_and_row_count_and_nothing_else()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var key = await KeyAsync(a.Admin.AccessToken, "ingest");

        var response = await GetAsync($"/api/v1/public/data-tables/{a.TableId}/schema", key);

        var body = await JsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)body["id"], Is.EqualTo(a.TableId));
            Assert.That((string?)body["name"], Is.EqualTo("Contacts"));
            Assert.That(Strings(body["columns"]), Is.EqualTo(new[] { "name", "phone", "city" }));
            Assert.That((long?)body["rowCount"], Is.EqualTo(3));
            Assert.That(body.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "name", "columns", "rowCount" }), "no rows, owner or project");
        });
    }

    [Test]
    public async Task A_trigger_key_follows_the_job_it_started()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var key = await KeyAsync(a.Admin.AccessToken, "trigger");
        var jobId = await QueuedAsync(await TriggerRawAsync(key, a.SpinnerId));

        var response = await GetAsync($"/api/v1/public/jobs/{jobId}", key);

        var body = await JsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body.ToJsonString(), Is.EqualTo((await JobAsync(a.Admin.AccessToken, jobId)).ToJsonString()), "the same job body as the user route");
        Assert.That(((string?)body["status"], (int?)body["totalRecords"], (string?)body["origin"]), Is.EqualTo(("queued", (int?)2, "api")));
    }

    [Test]
    public async Task Each_read_needs_its_scope()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var ingest = await KeyAsync(a.Admin.AccessToken, "ingest");
        var trigger = await KeyAsync(a.Admin.AccessToken, "trigger");
        var jobId = await QueuedAsync(await TriggerRawAsync(trigger, a.SpinnerId));

        var schema = await AssertProblemAsync(await GetAsync($"/api/v1/public/data-tables/{a.TableId}/schema", trigger), HttpStatusCode.Forbidden, "KEY_MISSING_SCOPE");
        var job = await AssertProblemAsync(await GetAsync($"/api/v1/public/jobs/{jobId}", ingest), HttpStatusCode.Forbidden, "KEY_MISSING_SCOPE");

        Assert.That(((string?)schema["scope"], (string?)job["scope"]), Is.EqualTo(("ingest", "trigger")));
    }

    [Test]
    public async Task A_user_token_is_not_an_api_key_on_either_read()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var jobId = await RunAsync(a.Admin.AccessToken, a.SpinnerId);

        await AssertProblemAsync(await GetAsync($"/api/v1/public/data-tables/{a.TableId}/schema", a.Admin.AccessToken), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        await AssertProblemAsync(await GetAsync($"/api/v1/public/jobs/{jobId}", a.Admin.AccessToken), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        // No key at all is the product's "401 Invalid API key" too.
        await AssertProblemAsync(await GetAsync($"/api/v1/public/jobs/{jobId}"), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Test]
    public async Task Another_organizations_table_and_job_are_404_like_unknown_ids()
    {
        var mine = await ArrangeJobAsync(rows: 1);
        var theirs = await ArrangeJobAsync(rows: 1);
        var key = await KeyAsync(mine.Admin.AccessToken, "ingest", "trigger");
        var theirJob = await RunAsync(theirs.Admin.AccessToken, theirs.SpinnerId);

        await AssertProblemAsync(await GetAsync($"/api/v1/public/data-tables/{theirs.TableId}/schema", key), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/public/data-tables/{Guid.NewGuid()}/schema", key), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/public/jobs/{theirJob}", key), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/public/jobs/{Guid.NewGuid()}", key), HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
