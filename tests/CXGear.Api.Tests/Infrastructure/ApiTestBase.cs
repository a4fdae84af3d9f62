using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.Infrastructure;

/// <summary>One API host and database per fixture; helpers that speak the API as a client would.</summary>
public abstract class ApiTestBase
{
    public const string Password = "correct horse battery staple";

    protected CXGearApiFactory Factory { get; private set; } = null!;

    /// <summary>The engine of this fixture's database; a fixture parametrized by engine sets it in its constructor.</summary>
    protected TestEngine Engine { get; init; } = TestPostgres.DefaultEngine;

    protected HttpClient Client { get; private set; } = null!;

    protected virtual void Configure(CXGearApiFactory factory)
    {
    }

    [OneTimeSetUp]
    public void StartHost()
    {
        if (Engine == TestEngine.Postgres)
        {
            TestPostgres.Require();
        }

        Factory = new CXGearApiFactory(Engine);
        Configure(Factory);
        Client = Factory.CreateClient();
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        Client.Dispose();
        Factory.Dispose();
    }

    protected static string UniqueEmail(string name = "user") => $"{name}.{Guid.NewGuid():N}@example.com";

    protected void Advance(TimeSpan by) => Factory.Clock.Advance(by);

    protected static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? token = null, string? ip = null, string? userAgent = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (ip is not null)
        {
            request.Headers.Add(CXGearApiFactory.ClientIpHeader, ip);
        }

        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return request;
    }

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? token = null, string? ip = null, string? userAgent = null) =>
        Client.SendAsync(Request(method, url, body, token, ip, userAgent));

    protected Task<HttpResponseMessage> PostAsync(string url, object? body = null, string? token = null, string? ip = null, string? userAgent = null) =>
        SendAsync(HttpMethod.Post, url, body, token, ip, userAgent);

    protected Task<HttpResponseMessage> GetAsync(string url, string? token = null) => SendAsync(HttpMethod.Get, url, token: token);

    protected static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>Asserts status, problem+json media type and errorCode; returns the body for further checks.</summary>
    protected static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var body = JsonNode.Parse(text)!;
        Assert.That((string?)body["errorCode"], Is.EqualTo(errorCode), text);
        Assert.That((string?)body["message"], Is.Not.Empty, text);
        Assert.That((string?)body["message"], Is.EqualTo((string?)body["detail"]), text);
        Assert.That((string?)body["traceId"], Is.Not.Empty, text);
        return body;
    }

    protected async Task<Signed> SignUpAsync(string? email = null, string? deviceLabel = "Test laptop", string? ip = null)
    {
        email ??= UniqueEmail();
        var response = await PostAsync("/api/v1/auth/signup", new
        {
            fullName = "Ada Admin",
            organizationName = "Acme " + Guid.NewGuid().ToString("N")[..6],
            email,
            password = Password,
            deviceLabel,
        }, ip: ip);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return Signed.From(email, await JsonAsync(response));
    }

    protected async Task<HttpResponseMessage> LoginRawAsync(string email, string password = Password, string? deviceLabel = "Test laptop", bool takeover = false, string? ip = null) =>
        await PostAsync("/api/v1/auth/login", new { email, password, deviceLabel, takeover }, ip: ip);

    protected async Task<Signed> LoginAsync(string email, string password = Password, string? deviceLabel = "Test laptop", bool takeover = false, string? ip = null)
    {
        var response = await LoginRawAsync(email, password, deviceLabel, takeover, ip);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return Signed.From(email, await JsonAsync(response));
    }

    protected static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

/// <summary>What a client keeps after signing in.</summary>
public sealed record Signed(string Email, string AccessToken, string RefreshToken, string SessionId, string UserId, string OrganizationId, JsonNode Body)
{
    public static Signed From(string email, JsonNode body) => new(
        email,
        (string)body["accessToken"]!,
        (string)body["refreshToken"]!,
        (string)body["session"]!["id"]!,
        (string)body["user"]!["id"]!,
        (string)body["organization"]!["id"]!,
        body);
}
