using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Runtime;
using CXGear.Api.Tests.Spinners;
using CXGear.Application.Jobs.Runtime;

namespace CXGear.Api.Tests.Admin;

/// <summary>
/// PUT /admin/organizations/{id}/status: a suspended organization's JWTs, sign-ins, refreshes, API keys and table tokens
/// get 403 ORGANIZATION_SUSPENDED, the runtime leaves its jobs queued, and a reactivation restores everything; other
/// organizations never notice.
/// </summary>
public sealed class OrganizationSuspensionTests : RuntimeTestBase
{
    private readonly string _operatorEmail = UniqueEmail("ops");

    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["Operators:BootstrapEmail"] = _operatorEmail;
        factory.Settings["Operators:BootstrapPassword"] = AdminTestBase.OperatorPassword;
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1";
        factory.Settings["Runtime:Outbound:AllowPrivateNetworks"] = "true";
    }

    private Task<Signed> OperatorAsync() => LoginAsync(_operatorEmail, AdminTestBase.OperatorPassword, deviceLabel: "Ops console", takeover: true);

    private async Task<JsonNode> SetStatusAsync(string operatorToken, string organizationId, string status, string? reason = null)
    {
        var response = await SendAsync(HttpMethod.Put, $"/api/v1/admin/organizations/{organizationId}/status", new { status, reason }, operatorToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private static async Task AssertSuspendedAsync(HttpResponseMessage response, string what)
    {
        var body = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "ORGANIZATION_SUSPENDED");
        Assert.That((string?)body["title"], Is.EqualTo("Organization suspended"), what);
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty, what);
    }

    private Task<HttpResponseMessage> IngestAsync(string key, string tableId) =>
        PostAsync("/api/v1/public/ingest", new { dataTableId = tableId, records = new[] { new { name = "Ingested", phone = "+15550000", city = "Here" } } }, key);

    private Task<HttpResponseMessage> WebhookAsync(string token) =>
        PostAsync($"/api/v1/public/data-tables/ingest/{token}", new { records = new[] { new { name = "Hooked" } } });

    private async Task<string> WebhookTokenAsync(Arranged a)
    {
        var rotated = await PostAsync($"/api/v1/data-tables/{a.TableId}/ingest-webhook/rotate", token: a.Admin.AccessToken);
        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rotated.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(rotated))["token"]!;
    }

    [Test]
    public async Task Every_credential_of_a_suspended_organization_is_refused_its_jobs_wait_and_reactivation_restores_all()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var key = await KeyAsync(a.Admin.AccessToken, "ingest", "trigger");
        var webhookToken = await WebhookTokenAsync(a);
        var queued = await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        var other = await ArrangeJobAsync(rows: 1);
        var otherJob = await RunAsync(other.Admin.AccessToken, other.SpinnerId);
        var ops = await OperatorAsync();

        var suspended = await SetStatusAsync(ops.AccessToken, a.Admin.OrganizationId, "suspended", "Unpaid invoices");
        Assert.That(((string?)suspended["status"], (string?)suspended["suspensionReason"]), Is.EqualTo(("suspended", "Unpaid invoices")));
        Assert.That((string?)suspended["suspendedAt"], Is.Not.Null);

        await AssertSuspendedAsync(await GetAsync("/api/v1/projects", a.Admin.AccessToken), "a user route with the JWT");
        await AssertSuspendedAsync(await IngestAsync(key, a.TableId), "an API-key ingest");
        await AssertSuspendedAsync(await TriggerRawAsync(key, a.SpinnerId), "a trigger");
        await AssertSuspendedAsync(await WebhookAsync(webhookToken), "the table's webhook token");
        await AssertSuspendedAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = a.Admin.RefreshToken }), "a refresh");
        await AssertSuspendedAsync(await LoginRawAsync(a.Admin.Email, takeover: true, deviceLabel: "Other laptop"), "a sign-in with the right password");
        await AssertProblemAsync(await LoginRawAsync(a.Admin.Email, "wrong password 123"), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That((string?)(await JobAsync(other.Admin.AccessToken, otherJob))["status"], Is.EqualTo("completed"), "another organization's job runs");
        Assert.That((await GetAsync("/api/v1/projects", other.Admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var read = await GetAsync($"/api/v1/admin/organizations/{a.Admin.OrganizationId}", ops.AccessToken);
        Assert.That((string?)(await JsonAsync(read))["status"], Is.EqualTo("suspended"));
        var active = await SetStatusAsync(ops.AccessToken, a.Admin.OrganizationId, "active");
        Assert.That(((string?)active["status"], (string?)active["suspendedAt"], (string?)active["suspensionReason"]), Is.EqualTo(("active", (string?)null, (string?)null)));

        Assert.That((string?)(await JobAsync(a.Admin.AccessToken, queued))["status"], Is.EqualTo("queued"), "the runtime did not claim it while suspended");
        Assert.That((await GetAsync("/api/v1/projects", a.Admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await IngestAsync(key, a.TableId)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await WebhookAsync(webhookToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await TriggerRawAsync(key, a.SpinnerId)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PostAsync("/api/v1/auth/refresh", new { refreshToken = a.Admin.RefreshToken })).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the refresh token was not spent by the refusal");

        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That((string?)(await JobAsync(a.Admin.AccessToken, queued))["status"], Is.EqualTo("completed"), "claimed once reactivated");
    }

    [Test]
    public async Task A_running_job_stops_taking_records_when_suspended_goes_back_to_the_queue_and_resumes_after_reactivation()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(
            async context =>
            {
                reached.TrySetResult();
                await release.Task.WaitAsync(context.RequestAborted);
                await LocalHttpServer.Status(200, "{}", "application/json")(context);
            },
            LocalHttpServer.Status(200, "{}", "application/json"),
            LocalHttpServer.Status(200, "{}", "application/json"));
        var a = await ArrangeJobAsync(rows: 3, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(
            a,
            $"{{'steps':[{{'id':'a1','type':'api_call','method':'POST','url':'http://127.0.0.1:{server.Port}/calls','body':'x','saveAs':'crm'}}]}}");
        var ops = await OperatorAsync();
        var options = new RuntimeOptions { MaxConcurrentRecordsPerJob = 1, FlushIntervalMilliseconds = 0 };

        var run = NewRunner(options).RunOnceAsync(CancellationToken.None);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await SetStatusAsync(ops.AccessToken, a.Admin.OrganizationId, "suspended", "Abuse report");
        release.TrySetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        await SetStatusAsync(ops.AccessToken, a.Admin.OrganizationId, "active");
        var paused = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)paused["status"], (int?)paused["succeededRecords"]), Is.EqualTo(("queued", (int?)1)), "the record in flight ended and was kept; no other started");

        await NewRunner(options).RunOnceAsync(CancellationToken.None);
        var resumed = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)resumed["status"], (int?)resumed["succeededRecords"]), Is.EqualTo(("completed", (int?)3)));
    }

    [Test]
    public async Task A_suspension_needs_a_reason_and_a_customer_organization()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var ops = await OperatorAsync();

        var noReason = await SendAsync(HttpMethod.Put, $"/api/v1/admin/organizations/{a.Admin.OrganizationId}/status", new { status = "suspended" }, ops.AccessToken);
        await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var tooLong = await SendAsync(HttpMethod.Put, $"/api/v1/admin/organizations/{a.Admin.OrganizationId}/status", new { status = "suspended", reason = new string('x', 501) }, ops.AccessToken);
        await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var unknown = await SendAsync(HttpMethod.Put, $"/api/v1/admin/organizations/{Guid.NewGuid()}/status", new { status = "suspended", reason = "x" }, ops.AccessToken);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
        var platform = await SendAsync(HttpMethod.Put, $"/api/v1/admin/organizations/{AdminTestBase.PlatformOrganizationId}/status", new { status = "suspended", reason = "x" }, ops.AccessToken);
        await AssertProblemAsync(platform, HttpStatusCode.NotFound, "NOT_FOUND");
        var member = await SendAsync(HttpMethod.Put, $"/api/v1/admin/organizations/{a.Admin.OrganizationId}/status", new { status = "suspended", reason = "x" }, a.Admin.AccessToken);
        await AssertProblemAsync(member, HttpStatusCode.Forbidden, "FORBIDDEN");

        await SetStatusAsync(ops.AccessToken, a.Admin.OrganizationId, "suspended", "Chargeback");
        var audit = await GetAsync($"/api/v1/admin/audit-events?organizationId={a.Admin.OrganizationId}&type=organization.suspended", ops.AccessToken);
        var events = (await JsonAsync(audit))["items"]!.AsArray();
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0]!.ToJsonString(), Does.Contain("Chargeback"));
    }
}
