using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>The endpoint routes with the production rule on URLs (https, public addresses only).</summary>
public sealed class WebhookEndpointRoutesTests : WebhooksTestBase
{
    private const string Url = "https://crm.example.com/hooks/cxgear";

    [Test]
    public async Task Create_answers_201_with_the_secret_once_and_reads_never_show_it()
    {
        var admin = await SignUpAsync();

        var created = await CreateEndpointRawAsync(admin.AccessToken, new { url = Url, events = new[] { "job.failed", "job.completed" }, description = "Salesforce" });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = await JsonAsync(created);
        var id = (string)body["endpoint"]!["id"]!;
        Assert.That(created.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/webhook-endpoints/{id}"));
        var secret = (string)body["secret"]!;
        Assert.That(secret, Does.StartWith("whsec_"));
        Assert.That(Convert.FromBase64String(secret["whsec_".Length..]), Has.Length.EqualTo(32));
        var endpoint = body["endpoint"]!;
        Assert.That(
            ((string?)endpoint["url"], endpoint["events"]!.ToJsonString(), (string?)endpoint["description"], (bool?)endpoint["enabled"]),
            Is.EqualTo((Url, "[\"job.completed\",\"job.failed\"]", "Salesforce", (bool?)true)));

        var list = await GetAsync("/api/v1/webhook-endpoints", admin.AccessToken);
        var listed = await list.Content.ReadAsStringAsync();
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), listed);
        Assert.That(JsonNode.Parse(listed)!["items"]!.AsArray().Select(i => (string?)i!["id"]), Is.EqualTo(new[] { id }));
        var one = await GetAsync($"/api/v1/webhook-endpoints/{id}", admin.AccessToken);
        var all = listed + await one.Content.ReadAsStringAsync();
        Assert.That(all, Does.Not.Contain(secret["whsec_".Length..]).And.Not.Contain("whsec_"));
        var stored = await Seed.CountAsync(Factory, db => db.WebhookEndpoints.IgnoreQueryFilters().Where(e => e.ProtectedSecret.Contains(secret)));
        Assert.That(stored, Is.Zero, "the secret is stored encrypted");
    }

    [Test]
    public async Task Patch_changes_only_what_is_given_and_delete_removes_the_endpoint()
    {
        var admin = await SignUpAsync();
        var endpoint = await CreateEndpointAsync(admin.AccessToken, Url, "job.failed");

        var patched = await SendAsync(HttpMethod.Patch, $"/api/v1/webhook-endpoints/{endpoint.Id}", new { events = new[] { "record.failed", "job.failed" }, enabled = false }, admin.AccessToken);
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        var body = await JsonAsync(patched);
        Assert.That(
            ((string?)body["url"], body["events"]!.ToJsonString(), (string?)body["description"], (bool?)body["enabled"], (string?)body["disabledReason"]),
            Is.EqualTo((Url, "[\"job.failed\",\"record.failed\"]", "CRM", (bool?)false, (string?)null)));

        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/webhook-endpoints/{endpoint.Id}", token: admin.AccessToken);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await GetAsync($"/api/v1/webhook-endpoints/{endpoint.Id}", admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Rotating_gives_a_new_secret_once_and_says_until_when_the_old_one_signs()
    {
        var admin = await SignUpAsync();
        var endpoint = await CreateEndpointAsync(admin.AccessToken, Url);

        var rotated = await PostAsync($"/api/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", token: admin.AccessToken);

        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rotated.Content.ReadAsStringAsync());
        var body = await JsonAsync(rotated);
        Assert.That((string?)body["secret"], Does.StartWith("whsec_").And.Not.EqualTo(endpoint.Secret));
        Assert.That((DateTime?)body["endpoint"]!["previousSecretExpiresAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime.AddHours(24)));
    }

    [TestCase("{'url':'https://crm.example.com/h','events':['job.done']}", "events")]
    [TestCase("{'url':'https://crm.example.com/h','events':[]}", "events")]
    [TestCase("{'events':['job.failed']}", "url")]
    [TestCase("{'url':'crm.example.com/h','events':['job.failed']}", "url")]
    [TestCase("{'url':'ftp://crm.example.com/h','events':['job.failed']}", "url")]
    [TestCase("{'url':'https://user:pw@crm.example.com/h','events':['job.failed']}", "url")]
    [TestCase("{'url':'http://crm.example.com/h','events':['job.failed']}", "url")]
    [TestCase("{'url':'https://127.0.0.1:8443/h','events':['job.failed']}", "url")]
    [TestCase("{'url':'https://[::1]/h','events':['job.failed']}", "url")]
    [TestCase("{'url':'https://169.254.169.254/latest','events':['job.failed']}", "url")]
    [TestCase("{'url':'https://localhost/h','events':['job.failed']}", "url")]
    public async Task Bad_input_and_private_or_loopback_urls_are_400s_at_their_field_and_store_nothing(string json, string field)
    {
        var admin = await SignUpAsync();

        var body = await AssertProblemAsync(
            await CreateEndpointRawAsync(admin.AccessToken, JsonNode.Parse(json.Replace('\'', '"'))!), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
        Assert.That((await JsonAsync(await GetAsync("/api/v1/webhook-endpoints", admin.AccessToken)))["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Long_urls_and_descriptions_are_400s_and_a_patch_is_held_to_the_same_rules()
    {
        var admin = await SignUpAsync();
        var longUrl = "https://crm.example.com/" + new string('a', 2_000);

        var body = await AssertProblemAsync(
            await CreateEndpointRawAsync(admin.AccessToken, new { url = longUrl, events = new[] { "job.failed" }, description = new string('d', 501) }),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "url", "description" }));

        var endpoint = await CreateEndpointAsync(admin.AccessToken, Url);
        var patch = await AssertProblemAsync(
            await SendAsync(HttpMethod.Patch, $"/api/v1/webhook-endpoints/{endpoint.Id}", new { url = "https://10.0.0.5/h", events = new[] { "nope" } }, admin.AccessToken),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");
        Assert.That(patch["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "events" }), "field rules first");
        var address = await AssertProblemAsync(
            await SendAsync(HttpMethod.Patch, $"/api/v1/webhook-endpoints/{endpoint.Id}", new { url = "https://10.0.0.5/h" }, admin.AccessToken),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");
        Assert.That(address["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "url" }));
    }

    [Test]
    public async Task An_organization_has_at_most_20_endpoints()
    {
        var admin = await SignUpAsync();
        for (var i = 0; i < 20; i++)
        {
            await CreateEndpointAsync(admin.AccessToken, $"{Url}/{i}");
        }

        await AssertProblemAsync(
            await CreateEndpointRawAsync(admin.AccessToken, new { url = Url, events = new[] { "job.failed" } }), HttpStatusCode.Conflict, "CONFLICT");
    }

    [Test]
    public async Task Another_organizations_endpoints_and_deliveries_are_404_on_every_route()
    {
        var mine = await SignUpAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var theirs = await CreateEndpointAsync(a.Admin.AccessToken, Url);
        await RotateIngestAsync(a.Admin.AccessToken, a.TableId);
        var delivery = (string)(await DeliveriesAsync(a.Admin.AccessToken, theirs.Id)).Single()["id"]!;
        var token = mine.AccessToken;

        foreach (var response in new[]
        {
            await GetAsync($"/api/v1/webhook-endpoints/{theirs.Id}", token),
            await SendAsync(HttpMethod.Patch, $"/api/v1/webhook-endpoints/{theirs.Id}", new { description = "mine now" }, token),
            await SendAsync(HttpMethod.Delete, $"/api/v1/webhook-endpoints/{theirs.Id}", token: token),
            await PostAsync($"/api/v1/webhook-endpoints/{theirs.Id}/rotate-secret", token: token),
            await GetAsync($"/api/v1/webhook-endpoints/{theirs.Id}/deliveries", token),
            await PostAsync($"/api/v1/webhook-deliveries/{delivery}/replay", token: token),
        })
        {
            await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        Assert.That((await JsonAsync(await GetAsync("/api/v1/webhook-endpoints", token)))["items"]!.AsArray(), Is.Empty);
        Assert.That((string?)(await EndpointAsync(a.Admin.AccessToken, theirs.Id))["description"], Is.EqualTo("CRM"));
    }

    [Test]
    public async Task Reading_needs_integrations_read_and_every_change_needs_integrations_write()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var endpoint = await CreateEndpointAsync(a.Admin.AccessToken, Url);
        await RotateIngestAsync(a.Admin.AccessToken, a.TableId);
        var delivery = (string)(await DeliveriesAsync(a.Admin.AccessToken, endpoint.Id)).Single()["id"]!;
        var reader = await MemberWithAsync(a.Admin.OrganizationId, Permissions.IntegrationsRead);
        var nobody = await MemberWithAsync(a.Admin.OrganizationId, Permissions.ProjectsRead);

        Assert.That((await GetAsync("/api/v1/webhook-endpoints", reader)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync($"/api/v1/webhook-endpoints/{endpoint.Id}/deliveries", reader)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var response in new[]
        {
            await CreateEndpointRawAsync(reader, new { url = Url, events = new[] { "job.failed" } }),
            await SendAsync(HttpMethod.Patch, $"/api/v1/webhook-endpoints/{endpoint.Id}", new { enabled = false }, reader),
            await SendAsync(HttpMethod.Delete, $"/api/v1/webhook-endpoints/{endpoint.Id}", token: reader),
            await PostAsync($"/api/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", token: reader),
            await PostAsync($"/api/v1/webhook-deliveries/{delivery}/replay", token: reader),
            await GetAsync("/api/v1/webhook-endpoints", nobody),
            await GetAsync($"/api/v1/webhook-endpoints/{endpoint.Id}", nobody),
            await GetAsync($"/api/v1/webhook-endpoints/{endpoint.Id}/deliveries", nobody),
        })
        {
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        }
    }

    [Test]
    public async Task The_delivery_log_pages_newest_first_and_rejects_a_bad_page()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var endpoint = await CreateEndpointAsync(a.Admin.AccessToken, Url);
        await RotateIngestAsync(a.Admin.AccessToken, a.TableId);
        Advance(TimeSpan.FromSeconds(1));
        await RotateIngestAsync(a.Admin.AccessToken, a.TableId);

        var page = await JsonAsync(await GetAsync($"/api/v1/webhook-endpoints/{endpoint.Id}/deliveries?pageSize=1", a.Admin.AccessToken));
        Assert.That(((int?)page["total"], page["items"]!.AsArray().Count), Is.EqualTo(((int?)2, 1)));
        var newest = page["items"]![0]!;
        Assert.That(((string?)newest["status"], (int?)newest["attempts"], (string?)newest["eventType"]), Is.EqualTo(("pending", (int?)0, "ingest.webhook_rotated")));
        Assert.That((DateTime?)newest["nextAttemptAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime));
        await AssertProblemAsync(await GetAsync($"/api/v1/webhook-endpoints/{endpoint.Id}/deliveries?page=0", a.Admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    private async Task<string> MemberWithAsync(string organizationId, string permission)
    {
        var role = await Seed.RoleAsync(Factory, organizationId, permission);
        var email = UniqueEmail("member");
        await Seed.MemberAsync(Factory, organizationId, email, Password, role);
        return (await LoginAsync(email)).AccessToken;
    }
}
