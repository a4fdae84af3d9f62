using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Admin;

/// <summary>A host started with a bootstrap operator in its settings, and helpers for the /admin routes.</summary>
public abstract class AdminTestBase : ApiTestBase
{
    public const string OperatorPassword = "operator passphrase 7f3k";

    public const string PlatformOrganizationId = "0199a000-0000-7000-8000-0000000000ff";

    protected string OperatorEmail { get; } = UniqueEmail("ops");

    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Operators:BootstrapEmail"] = OperatorEmail;
        factory.Settings["Operators:BootstrapPassword"] = OperatorPassword;
    }

    /// <summary>Signs the operator in; takeover, because an earlier test of the fixture may hold its session.</summary>
    protected Task<Signed> OperatorAsync() => LoginAsync(OperatorEmail, OperatorPassword, deviceLabel: "Ops console", takeover: true);

    /// <summary>Signs up an organization with a chosen name (the shared helper picks a random one).</summary>
    protected async Task<Signed> SignUpOrganizationAsync(string organizationName, string? email = null, string? ip = null)
    {
        email ??= UniqueEmail();
        var response = await PostAsync("/api/v1/auth/signup", new
        {
            fullName = "Ada Admin",
            organizationName,
            email,
            password = Password,
            deviceLabel = "Test laptop",
        }, ip: ip);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return Signed.From(email, await JsonAsync(response));
    }

    protected Task<HttpResponseMessage> PutAsync(string url, object? body = null, string? token = null) =>
        SendAsync(HttpMethod.Put, url, body, token);

    /// <summary>GETs a route that must answer 200 and returns its JSON.</summary>
    protected async Task<JsonNode> GetOkAsync(string url, string token)
    {
        var response = await GetAsync(url, token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected static IReadOnlyList<JsonNode> Items(JsonNode page) => page["items"]!.AsArray().Select(i => i!).ToList();

    protected static List<string?> Strings(JsonNode page, string field) => Items(page).Select(i => (string?)i[field]).ToList();
}
