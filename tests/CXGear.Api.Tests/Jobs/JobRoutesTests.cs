using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;
using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Jobs;

public sealed class JobRoutesTests : JobsTestBase
{
    [Test]
    public async Task Jobs_list_newest_first_and_records_page_by_sequence()
    {
        var a = await ArrangeJobAsync(rows: 5);
        var token = a.Admin.AccessToken;
        var first = await RunAsync(token, a.SpinnerId);
        Advance(TimeSpan.FromSeconds(1));
        var second = await RunAsync(token, a.SpinnerId);

        var list = await JobsAsync(token, a.ProjectId);
        Assert.That(list["items"]!.AsArray().Select(j => (string?)j!["id"]), Is.EqualTo(new[] { second, first }));
        Assert.That((int?)list["total"], Is.EqualTo(2));

        var page = await JobRecordsAsync(token, first, "?page=2&pageSize=2");
        Assert.That(page["items"]!.AsArray().Select(r => (long?)r!["sequence"]), Is.EqualTo(new long?[] { 3, 4 }));
        Assert.That(((int?)page["total"], (int?)page["page"], (int?)page["pageSize"]), Is.EqualTo(((int?)5, (int?)2, (int?)2)));
        var last = await JobRecordsAsync(token, first, "?page=3&pageSize=2");
        Assert.That(Payloads(last), Has.Length.EqualTo(1));
        await AssertProblemAsync(await GetAsync($"/api/v1/jobs/{first}/records?pageSize=201", token), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task A_queued_records_journey_is_empty_and_lists_events_in_order_once_written()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var jobId = await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        var recordId = (string)(await JobRecordsAsync(a.Admin.AccessToken, jobId))["items"]![0]!["id"]!;

        var journey = await JsonAsync(await GetAsync($"/api/v1/records/{recordId}/journey", a.Admin.AccessToken));
        Assert.That(((string?)journey["jobId"], (string?)journey["status"], journey["events"]!.AsArray().Count), Is.EqualTo((jobId, "pending", 0)));

        // What the runtime will write; the route reads it back in step order.
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Application.Common.Abstractions.IApplicationDbContext>();
            var at = new DateTime(2026, 11, 29, 10, 0, 0, DateTimeKind.Utc);
            db.RecordEvents.Add(RecordEvent.Create(Guid.Parse(recordId), 2, "s2", "tag", "tagged", "Contacted", at, at));
            db.RecordEvents.Add(RecordEvent.Create(Guid.Parse(recordId), 1, "s1", "log", "logged", "Hi Name 1", at, at));
            await db.SaveChangesAsync();
        }

        journey = await JsonAsync(await GetAsync($"/api/v1/records/{recordId}/journey", a.Admin.AccessToken));
        Assert.That(journey["events"]!.AsArray().Select(e => $"{e!["stepId"]}:{e["type"]}:{e["outcome"]}:{e["message"]}"), Is.EqualTo(new[] { "s1:log:logged:Hi Name 1", "s2:tag:tagged:Contacted" }));
    }

    [Test]
    public async Task Cancelling_a_queued_job_cancels_it_and_a_finished_job_is_409()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);

        var cancelled = await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: token);
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cancelled.Content.ReadAsStringAsync());
        var job = await JobAsync(token, jobId);
        Assert.That(((string?)job["status"], job["endedAt"] is not null), Is.EqualTo(("cancelled", true)));
        await AssertProblemAsync(await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: token), HttpStatusCode.Conflict, "CONFLICT");
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((1L, 0L)), "the job stays counted; its records never ran and went back");

        // A job the runtime completed.
        var done = await RunAsync(token, a.SpinnerId);
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Application.Common.Abstractions.IApplicationDbContext>();
            var id = Guid.Parse(done);
            var entity = await db.Jobs.IgnoreQueryFilters().SingleAsync(j => j.Id == id);
            var now = DateTime.UtcNow;
            entity.Claim("runtime-test", now.AddMinutes(1), now);
            entity.RecordFinished(true);
            entity.RecordFinished(true);
            entity.Finish(now.AddSeconds(3));
            await db.SaveChangesAsync();
        }

        await AssertProblemAsync(await PostAsync($"/api/v1/jobs/{done}/cancel", token: token), HttpStatusCode.Conflict, "CONFLICT");
        job = await JobAsync(token, done);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"], (double?)job["durationSeconds"]), Is.EqualTo(("completed", (int?)2, (double?)3)));
    }

    [Test]
    public async Task Another_organizations_jobs_and_records_are_404()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var jobId = await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        var recordId = (string)(await JobRecordsAsync(a.Admin.AccessToken, jobId))["items"]![0]!["id"]!;
        var other = (await SignUpAsync()).AccessToken;

        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{a.ProjectId}/jobs", other), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/jobs/{jobId}", other), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/jobs/{jobId}/records", other), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: other), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/records/{recordId}/journey", other), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That((string?)(await JobAsync(a.Admin.AccessToken, jobId))["status"], Is.EqualTo("queued"), "the other organization cancelled nothing");
    }

    [Test]
    public async Task Jobs_records_and_journeys_need_projects_read_spinner_definitions_spinners_read_and_running_or_cancelling_spinners_run()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var jobId = await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        var recordId = (string)(await JobRecordsAsync(a.Admin.AccessToken, jobId))["items"]![0]!["id"]!;
        var readerRole = await Seed.RoleAsync(Factory, a.Admin.OrganizationId, Permissions.ProjectsRead);
        var readerEmail = UniqueEmail("reader");
        await Seed.MemberAsync(Factory, a.Admin.OrganizationId, readerEmail, Password, readerRole);
        var reader = (await LoginAsync(readerEmail)).AccessToken;
        var noneRole = await Seed.RoleAsync(Factory, a.Admin.OrganizationId, Permissions.SpinnersRead);
        var noneEmail = UniqueEmail("none");
        await Seed.MemberAsync(Factory, a.Admin.OrganizationId, noneEmail, Password, noneRole);
        var none = (await LoginAsync(noneEmail)).AccessToken;
        string[] runtimeReads =
        [
            $"/api/v1/projects/{a.ProjectId}/jobs", $"/api/v1/jobs/{jobId}", $"/api/v1/jobs/{jobId}/records",
            $"/api/v1/projects/{a.ProjectId}/records", $"/api/v1/records/{recordId}", $"/api/v1/records/{recordId}/journey",
        ];

        // projects.read without spinners.read: every run read, no definition.
        foreach (var url in runtimeReads)
        {
            Assert.That((await GetAsync(url, reader)).StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        }

        foreach (var url in new[] { $"/api/v1/spinners/{a.SpinnerId}", $"/api/v1/projects/{a.ProjectId}/spinners", $"/api/v1/spinners/{a.SpinnerId}/versions" })
        {
            var denied = await AssertProblemAsync(await GetAsync(url, reader), HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.That((string?)denied["permission"], Is.EqualTo("spinners.read"), url);
        }

        var runDenied = await AssertProblemAsync(await RunRawAsync(reader, a.SpinnerId), HttpStatusCode.Forbidden, "FORBIDDEN");
        var cancelDenied = await AssertProblemAsync(await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: reader), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That(((string?)runDenied["permission"], (string?)cancelDenied["permission"]), Is.EqualTo(("spinners.run", "spinners.run")));

        // spinners.read without projects.read: the definition, no run read.
        Assert.That((await GetAsync($"/api/v1/spinners/{a.SpinnerId}", none)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var url in runtimeReads)
        {
            var denied = await AssertProblemAsync(await GetAsync(url, none), HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.That((string?)denied["permission"], Is.EqualTo("projects.read"), url);
        }

        Assert.That((int?)(await JobsAsync(a.Admin.AccessToken, a.ProjectId))["total"], Is.EqualTo(1), "the denied run made no job");
        Assert.That((string?)(await JobAsync(a.Admin.AccessToken, jobId))["status"], Is.EqualTo("queued"));
    }

    [Test]
    public async Task Every_route_needs_a_token_and_unknown_ids_are_404()
    {
        var id = Guid.NewGuid();
        await AssertProblemAsync(await PostAsync($"/api/v1/spinners/{id}/run"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{id}/jobs"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"/api/v1/jobs/{id}"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync($"/api/v1/jobs/{id}/cancel"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"/api/v1/jobs/{id}/records"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"/api/v1/records/{id}/journey"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync($"/api/v1/public/trigger/{id}"), HttpStatusCode.Unauthorized, "INVALID_API_KEY");

        var token = (await SignUpAsync()).AccessToken;
        await AssertProblemAsync(await RunRawAsync(token, id.ToString()), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/jobs/{id}", token), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await PostAsync($"/api/v1/jobs/{id}/cancel", token: token), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/records/{id}/journey", token), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Deleting_the_project_deletes_its_jobs_and_their_records()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var jobId = Guid.Parse(await RunAsync(a.Admin.AccessToken, a.SpinnerId));

        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/projects/{a.ProjectId}", token: a.Admin.AccessToken);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        Assert.That(await Seed.CountAsync(Factory, db => db.Jobs.IgnoreQueryFilters().Where(j => j.Id == jobId)), Is.Zero);
        Assert.That(await Seed.CountAsync(Factory, db => db.JobRecords.IgnoreQueryFilters().Where(r => r.JobId == jobId)), Is.Zero);
    }
}
