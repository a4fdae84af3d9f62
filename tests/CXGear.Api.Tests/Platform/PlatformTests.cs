using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Platform;

public sealed class PlatformTests : ApiTestBase
{
    [Test]
    public async Task Live_and_ready_health_checks_answer()
    {
        var live = await GetAsync("/health/live");
        var ready = await GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await JsonAsync(ready);
        Assert.That((string?)body["status"], Is.EqualTo("healthy"));
        Assert.That((string?)body["checks"]!["database"]!["status"], Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Swagger_ui_and_the_openapi_document_are_served_at_docs()
    {
        var ui = await GetAsync("/docs/index.html");
        var document = await GetAsync("/docs/openapi.json");

        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ui.Content.ReadAsStringAsync(), Does.Contain("swagger"));
        var json = await JsonAsync(document);
        var paths = json["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(new[] { "/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/password/forgot", "/api/v1/auth/password/reset", "/api/v1/auth/password/change", "/api/v1/me" }));
        Assert.That(paths, Has.None.Contains("/test/"), "routes hidden from the API explorer stay out of the document");
    }

    [Test]
    public async Task The_openapi_document_tells_clients_about_429_and_the_idempotency_key()
    {
        var json = await JsonAsync(await GetAsync("/docs/openapi.json"));

        var ingest = json["paths"]!["/api/v1/public/ingest"]!["post"]!;
        var login = json["paths"]!["/api/v1/auth/login"]!["post"]!;
        Assert.That(ingest["responses"]!["429"]!["headers"]!.AsObject().Select(h => h.Key), Is.SupersetOf(new[] { "Retry-After", "RateLimit-Policy", "RateLimit" }));
        Assert.That(login["responses"]!["429"], Is.Not.Null);
        Assert.That(ingest["parameters"]!.AsArray().Select(p => (string?)p!["name"]), Does.Contain("Idempotency-Key"));
        Assert.That(login["parameters"]?.AsArray().Select(p => (string?)p!["name"]) ?? [], Does.Not.Contain("Idempotency-Key"));
        Assert.That(json["paths"]!["/health/live"]?["get"]?["responses"]?["429"], Is.Null, "health probes are not rate limited");
    }

    [Test]
    public async Task Unknown_routes_and_methods_are_problem_json()
    {
        await AssertProblemAsync(await GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, "/api/v1/auth/login"), HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Test]
    public async Task A_wrong_content_type_is_problem_json()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = new StringContent("email=a", System.Text.Encoding.UTF8, "text/plain") };

        await AssertProblemAsync(await Client.SendAsync(request), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Test]
    public async Task An_unexpected_exception_is_a_500_that_reveals_nothing_and_is_logged_with_its_trace_id()
    {
        var response = await GetAsync("/api/v1/test/throw");

        var body = await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        var text = body.ToJsonString();
        Assert.That(text, Does.Not.Contain("hunter2"));
        Assert.That(text, Does.Not.Contain("InvalidOperationException"));
        Assert.That(text, Does.Not.Contain(" at "));
        var traceId = (string)body["traceId"]!;
        Assert.That(Factory.Logs, Has.Some.Contains("Unhandled exception").And.Contains(traceId));
    }

    [Test]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var response in new[] { await GetAsync("/health/live"), await GetAsync("/api/v1/me"), await PostAsync("/api/v1/auth/login", new { }) })
        {
            Assert.Multiple(() =>
            {
                Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
                Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
                Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
                Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'"));
                Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            });
        }
    }

    [Test]
    public async Task Cors_allows_only_the_configured_origins()
    {
        var allowed = await PreflightAsync("https://app.cxgear.test");
        var other = await PreflightAsync("https://evil.example");

        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://app.cxgear.test" }));
        Assert.That(other.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Logs_name_the_route_and_never_carry_passwords_or_tokens()
    {
        var account = await SignUpAsync();
        var refreshed = await JsonAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken }));
        await GetAsync("/api/v1/me", (string)refreshed["accessToken"]!);
        await LoginRawAsync(account.Email, "a wrong password attempt");

        var logs = string.Join("\n", Factory.Logs);

        Assert.That(logs, Does.Contain("POST api/v1/auth/signup → 201"));
        Assert.That(logs, Does.Contain($"GET api/v1/me → 200").And.Contains($"org {account.OrganizationId}, credential user"));
        foreach (var secret in new[] { Password, "a wrong password attempt", account.AccessToken, account.RefreshToken, (string)refreshed["accessToken"]!, (string)refreshed["refreshToken"]! })
        {
            Assert.That(logs, Does.Not.Contain(secret));
        }
    }

    private Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return Client.SendAsync(request);
    }
}
