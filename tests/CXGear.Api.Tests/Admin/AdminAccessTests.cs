using System.Net;

namespace CXGear.Api.Tests.Admin;

/// <summary>Only platform operators reach /admin; no organization role does, not even Admin's <c>*</c>.</summary>
public sealed class AdminAccessTests : AdminTestBase
{
    private static readonly string SomeId = Guid.CreateVersion7().ToString();

    private static IEnumerable<TestCaseData> Routes()
    {
        yield return new TestCaseData("GET", "/api/v1/admin/organizations", null).SetArgDisplayNames("list organizations");
        yield return new TestCaseData("GET", $"/api/v1/admin/organizations/{SomeId}", null).SetArgDisplayNames("get organization");
        yield return new TestCaseData("PUT", $"/api/v1/admin/organizations/{SomeId}/plan", "{\"plan\":\"pro\"}").SetArgDisplayNames("change plan");
        yield return new TestCaseData("GET", "/api/v1/admin/audit-events", null).SetArgDisplayNames("audit events");
        yield return new TestCaseData("GET", "/api/v1/admin/runtime", null).SetArgDisplayNames("runtime");
    }

    [TestCaseSource(nameof(Routes))]
    public async Task A_customer_admin_holding_every_permission_is_forbidden(string method, string url, string? body)
    {
        var customer = await SignUpAsync();
        var me = await GetOkAsync("/api/v1/me", customer.AccessToken);
        Assert.That((string?)me["permissions"]![0], Is.EqualTo("*"), "the caller is an organization Admin");

        var response = await SendAsync(new HttpMethod(method), url, body, customer.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [TestCaseSource(nameof(Routes))]
    public async Task Anonymous_callers_are_unauthenticated(string method, string url, string? body)
    {
        var response = await SendAsync(new HttpMethod(method), url, body);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Test]
    public async Task A_customers_forbidden_plan_change_changes_nothing()
    {
        var customer = await SignUpAsync();

        await AssertProblemAsync(await PutAsync($"/api/v1/admin/organizations/{customer.OrganizationId}/plan", new { plan = "enterprise" }, customer.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        var me = await GetOkAsync("/api/v1/me", customer.AccessToken);
        Assert.That((string?)me["plan"]!["id"], Is.EqualTo("trial"));
    }

    [Test]
    public async Task The_operator_passes_every_admin_route()
    {
        var signed = await OperatorAsync();
        var customer = await SignUpAsync();

        Assert.That((await GetAsync("/api/v1/admin/organizations", signed.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync($"/api/v1/admin/organizations/{customer.OrganizationId}", signed.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PutAsync($"/api/v1/admin/organizations/{customer.OrganizationId}/plan", new { plan = "pro" }, signed.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync("/api/v1/admin/audit-events", signed.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync("/api/v1/admin/runtime", signed.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("GET", "/api/v1/projects")]
    [TestCase("GET", "/api/v1/users")]
    [TestCase("GET", "/api/v1/billing")]
    [TestCase("GET", "/api/v1/api-keys")]
    public async Task The_operator_cannot_reach_organization_routes(string method, string url)
    {
        var signed = await OperatorAsync();

        var response = await SendAsync(new HttpMethod(method), url, token: signed.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Test]
    public async Task The_admin_routes_are_in_the_openapi_document()
    {
        var document = await JsonAsync(await GetAsync("/docs/openapi.json"));

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/admin/organizations", "/api/v1/admin/organizations/{id}", "/api/v1/admin/organizations/{id}/plan", "/api/v1/admin/audit-events",
            "/api/v1/admin/runtime",
        }));
    }
}
