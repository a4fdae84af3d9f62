using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.Auth;

[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class SignUpTests : ApiTestBase
{
    public SignUpTests(TestEngine engine) => Engine = engine;

    [Test]
    public async Task Sign_up_creates_a_trial_organization_its_admin_and_a_session()
    {
        var email = UniqueEmail("founder");
        var response = await PostAsync("/api/v1/auth/signup", new { fullName = "  Ada Admin ", organizationName = " Acme ", email, password = Password });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/api/v1/me"));
        var body = await JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That((string?)body["tokenType"], Is.EqualTo("Bearer"));
            Assert.That((int?)body["expiresIn"], Is.EqualTo(900));
            Assert.That((string?)body["accessToken"], Does.Contain("."));
            Assert.That((string?)body["refreshToken"], Has.Length.GreaterThanOrEqualTo(43));
            Assert.That((string?)body["organization"]!["name"], Is.EqualTo("Acme"));
            Assert.That((string?)body["organization"]!["plan"], Is.EqualTo("trial"));
            Assert.That((string?)body["user"]!["fullName"], Is.EqualTo("Ada Admin"));
            Assert.That((string?)body["user"]!["email"], Is.EqualTo(email));
            Assert.That(Guid.Parse((string)body["organization"]!["id"]!).Version, Is.EqualTo(7));
        });

        var me = await JsonAsync(await GetAsync("/api/v1/me", (string)body["accessToken"]!));
        Assert.That((string?)me["roles"]![0]!["name"], Is.EqualTo("Admin"));
        Assert.That(me["permissions"]!.AsArray().Select(p => (string?)p), Is.EqualTo(new[] { "*" }));
    }

    [Test]
    public async Task An_email_is_unique_across_the_service_whatever_its_case()
    {
        var email = UniqueEmail("taken");
        await SignUpAsync(email);

        var response = await PostAsync("/api/v1/auth/signup", new { fullName = "Other", organizationName = "Other org", email = email.ToUpperInvariant(), password = Password });

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "EMAIL_TAKEN");
    }

    [TestCase("short7!", "password")]
    [TestCase("password1", "password")]
    [TestCase("", "password")]
    public async Task Weak_passwords_are_refused(string password, string field)
    {
        var response = await PostAsync("/api/v1/auth/signup", new { fullName = "Ada", organizationName = "Acme", email = UniqueEmail(), password });

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]![field], Is.Not.Null, body.ToJsonString());
    }

    [Test]
    public async Task A_password_over_128_characters_is_refused()
    {
        var response = await PostAsync("/api/v1/auth/signup", new { fullName = "Ada", organizationName = "Acme", email = UniqueEmail(), password = new string('x', 129) });

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!["password"], Is.Not.Null);
    }

    [Test]
    public async Task Organization_name_full_name_and_a_valid_email_are_required()
    {
        var response = await PostAsync("/api/v1/auth/signup", new { fullName = " ", organizationName = "", email = "not-an-email", password = Password });

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Multiple(() =>
        {
            Assert.That(body["errors"]!["organizationName"], Is.Not.Null);
            Assert.That(body["errors"]!["fullName"], Is.Not.Null);
            Assert.That(body["errors"]!["email"], Is.Not.Null);
        });
    }

    [Test]
    public async Task A_refused_sign_up_leaves_the_email_free()
    {
        var email = UniqueEmail();
        var refused = await PostAsync("/api/v1/auth/signup", new { fullName = "Ada", organizationName = "", email, password = Password });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        await SignUpAsync(email);
    }

    [TestCase("{\"email\": ")]
    [TestCase("{\"email\": 42, \"password\": true}")]
    [TestCase("[]")]
    public async Task Malformed_json_is_a_validation_error(string raw)
    {
        var response = await PostAsync("/api/v1/auth/signup", raw);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Concurrent_sign_ups_with_one_email_create_one_account()
    {
        var email = UniqueEmail("race");
        var attempts = Enumerable.Range(0, 4).Select(_ => PostAsync("/api/v1/auth/signup", new { fullName = "Ada", organizationName = "Acme", email, password = Password }));

        var responses = await Task.WhenAll(attempts);

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await AssertProblemAsync(loser, HttpStatusCode.Conflict, "EMAIL_TAKEN");
        }
    }
}
