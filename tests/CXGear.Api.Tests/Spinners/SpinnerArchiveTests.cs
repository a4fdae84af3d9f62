using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Runtime;
using CXGear.Domain.Authorization;

namespace CXGear.Api.Tests.Spinners;

/// <summary><c>DELETE /spinners/{id}</c> archives: unit freed, no more runs or changes, history readable, 409 while in use.</summary>
public sealed class SpinnerArchiveTests : RuntimeTestBase
{
    private Task<HttpResponseMessage> ArchiveRawAsync(string token, string spinnerId) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/spinners/{spinnerId}", token: token);

    private async Task ArchiveAsync(string token, string spinnerId)
    {
        var response = await ArchiveRawAsync(token, spinnerId);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Archiving_frees_the_spinners_unit_so_another_publishes_at_the_trial_cap()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var token = a.Admin.AccessToken;
        var second = await CreateSpinnerAsync(token, a.ProjectId, a.TableId, "Second");
        await PublishAsync(token, second);
        var third = await CreateSpinnerAsync(token, a.ProjectId, a.TableId, "Third");
        await AssertProblemAsync(await PublishRawAsync(token, third), HttpStatusCode.Forbidden, "PLAN_LIMIT");
        Assert.That(await SpinnersMeterAsync(token), Is.EqualTo((2L, (long?)2)));

        await ArchiveAsync(token, a.SpinnerId);

        Assert.That(await SpinnersMeterAsync(token), Is.EqualTo((1L, (long?)2)));
        Assert.That(await PublishAsync(token, third), Is.EqualTo(1));
        Assert.That(await SpinnersMeterAsync(token), Is.EqualTo((2L, (long?)2)));

        // An archived draft held no unit and gives none back; deleting the project later gives back only live units.
        var draft = await CreateSpinnerAsync(token, a.ProjectId, a.TableId, "Draft");
        await ArchiveAsync(token, draft);
        Assert.That(await SpinnersMeterAsync(token), Is.EqualTo((2L, (long?)2)));
        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/projects/{a.ProjectId}", token: token);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        Assert.That(await SpinnersMeterAsync(token), Is.EqualTo((0L, (long?)2)));
    }

    [Test]
    public async Task An_archived_spinner_is_hidden_never_runs_or_changes_and_its_history_stays_readable()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var scheduled = await ScheduleRawAsync(token, a.SpinnerId, "0 9 * * *", "UTC");
        Assert.That(scheduled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await scheduled.Content.ReadAsStringAsync());
        var jobId = await RunAsync(token, a.SpinnerId);
        await Runner.RunOnceAsync(CancellationToken.None);
        var key = await KeyAsync(token, "trigger");

        await ArchiveAsync(token, a.SpinnerId);

        var list = await JsonAsync(await GetAsync($"/api/v1/projects/{a.ProjectId}/spinners", token));
        Assert.That(((int?)list["total"], list["items"]!.AsArray().Count), Is.EqualTo(((int?)0, 0)));
        var spinner = await SpinnerAsync(token, a.SpinnerId);
        Assert.That(
            (spinner["archivedAt"] is not null, (bool?)spinner["schedule"]!["enabled"], spinner["schedule"]!["nextDueAt"]),
            Is.EqualTo((true, (bool?)false, (System.Text.Json.Nodes.JsonNode?)null)));
        var versions = await JsonAsync(await GetAsync($"/api/v1/spinners/{a.SpinnerId}/versions", token));
        Assert.That((int?)versions["total"], Is.EqualTo(1));
        Assert.That((string?)(await JobAsync(token, jobId))["spinnerName"], Is.EqualTo("Outreach"));
        var records = await JsonAsync(await GetAsync($"/api/v1/projects/{a.ProjectId}/records?spinnerId={a.SpinnerId}", token));
        Assert.That(records["items"]!.AsArray().Select(r => ((string?)r!["spinnerName"], (string?)r["status"])), Is.EqualTo(Enumerable.Repeat(((string?)"Outreach", (string?)"completed"), 2)));

        await AssertProblemAsync(await RunRawAsync(token, a.SpinnerId), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await TriggerRawAsync(key, a.SpinnerId), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await PublishRawAsync(token, a.SpinnerId), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{a.SpinnerId}", new { name = "Again", definition = Def(LogThenTag) }, token), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await ScheduleRawAsync(token, a.SpinnerId, "0 9 * * *", "UTC"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await ArchiveRawAsync(token, a.SpinnerId), HttpStatusCode.NotFound, "NOT_FOUND");
        var child = await CreateSpinnerRawAsync(
            token, a.ProjectId, new { name = "Child", dataTableId = a.TableId, definition = Def(LogThenTag), parentSpinnerId = a.SpinnerId, startWhen = new { field = "output.disposition", equals = "Contacted" } });
        var refused = await AssertProblemAsync(child, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(refused["errors"]!["parentSpinnerId"], Is.Not.Null);
        Assert.That((int?)(await JobsAsync(token, a.ProjectId))["total"], Is.EqualTo(1), "nothing ran after the archive");
    }

    [Test]
    public async Task An_archived_supporting_spinner_no_longer_starts_from_its_parents_records()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var token = a.Admin.AccessToken;
        var child = await CreateSpinnerAsync(token, a.ProjectId, a.TableId, "Child", parentSpinnerId: a.SpinnerId, startWhen: new { field = "output.disposition", equals = "Contacted" });
        await PublishAsync(token, child);
        await ArchiveAsync(token, child);

        await RunAsync(token, a.SpinnerId);
        await Runner.RunOnceAsync(CancellationToken.None);
        await Runner.RunOnceAsync(CancellationToken.None);

        var jobs = (await JobsAsync(token, a.ProjectId))["items"]!.AsArray();
        Assert.That(jobs.Select(j => ((string?)j!["spinnerId"], (string?)j["status"])), Is.EqualTo(new[] { ((string?)a.SpinnerId, (string?)"completed") }));
    }

    [Test]
    public async Task A_parent_of_a_live_supporting_spinner_or_with_a_queued_job_is_409()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var token = a.Admin.AccessToken;
        var child = await CreateSpinnerAsync(token, a.ProjectId, a.TableId, "Child", parentSpinnerId: a.SpinnerId, startWhen: new { field = "output.disposition", equals = "Contacted" });

        await AssertProblemAsync(await ArchiveRawAsync(token, a.SpinnerId), HttpStatusCode.Conflict, "CONFLICT");
        await ArchiveAsync(token, child);

        var jobId = await RunAsync(token, a.SpinnerId);
        await AssertProblemAsync(await ArchiveRawAsync(token, a.SpinnerId), HttpStatusCode.Conflict, "CONFLICT");
        Assert.That(await SpinnersMeterAsync(token), Is.EqualTo((1L, (long?)2)), "a refused archive frees nothing");

        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That((string?)(await JobAsync(token, jobId))["status"], Is.EqualTo("completed"));
        await ArchiveAsync(token, a.SpinnerId);
    }

    [Test]
    public async Task Archiving_needs_spinners_write_and_another_organizations_spinner_is_404()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var readerRole = await Seed.RoleAsync(Factory, a.Admin.OrganizationId, Permissions.ProjectsRead, Permissions.SpinnersRead, Permissions.SpinnersRun);
        var email = UniqueEmail("reader");
        await Seed.MemberAsync(Factory, a.Admin.OrganizationId, email, Password, readerRole);
        var reader = (await LoginAsync(email)).AccessToken;
        var other = (await SignUpAsync()).AccessToken;

        var denied = await AssertProblemAsync(await ArchiveRawAsync(reader, a.SpinnerId), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((string?)denied["permission"], Is.EqualTo("spinners.write"));
        await AssertProblemAsync(await ArchiveRawAsync(other, a.SpinnerId), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await ArchiveRawAsync(a.Admin.AccessToken, Guid.NewGuid().ToString()), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await ArchiveRawAsync(null!, a.SpinnerId), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.That((await SpinnerAsync(a.Admin.AccessToken, a.SpinnerId))["archivedAt"], Is.Null);
    }
}
