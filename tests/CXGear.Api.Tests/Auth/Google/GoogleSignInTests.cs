using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Auth.Google;

/// <summary>
/// Sign in with Google end to end against a local OpenID provider (docs/api.md#sign-in-with-google): the redirect with
/// PKCE, state and nonce; the callback's checks; the one-time code; the exchange by the password login's rules.
/// </summary>
public sealed class GoogleSignInTests : GoogleSignInTestBase
{
    private async Task<JsonNode[]> AuditAsync(string adminToken, string type)
    {
        var response = await GetAsync($"/api/v1/audit-events?type={type}", adminToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(e => e!).ToArray();
    }

    [Test]
    public async Task Providers_offer_google_when_it_is_configured()
    {
        var body = await JsonAsync(await GetAsync("/api/v1/auth/providers"));

        Assert.That(body.ToJsonString(), Is.EqualTo("""{"password":true,"google":true}"""));
    }

    [Test]
    public async Task Start_redirects_to_the_providers_authorization_endpoint_with_pkce_state_and_nonce_in_a_protected_cookie()
    {
        var started = await StartAsync("/projects");

        Assert.That(started.AuthorizeUrl.GetLeftPart(UriPartial.Path), Is.EqualTo(Google.BaseUrl + FakeOpenIdProvider.AuthorizePath));
        var query = HttpUtility.ParseQueryString(started.AuthorizeUrl.Query);
        Assert.Multiple(() =>
        {
            Assert.That(query["response_type"], Is.EqualTo("code"));
            Assert.That(started.Request.ClientId, Is.EqualTo(FakeOpenIdProvider.ClientId));
            Assert.That(started.Request.RedirectUri, Is.EqualTo(CallbackUrl));
            Assert.That(started.Request.Scope, Is.EqualTo("openid email profile"));
            Assert.That(started.Request.CodeChallengeMethod, Is.EqualTo("S256"));
            Assert.That(started.Request.CodeChallenge, Has.Length.EqualTo(43));
            Assert.That(started.Request.State, Has.Length.GreaterThanOrEqualTo(43));
            Assert.That(started.Request.Nonce, Has.Length.GreaterThanOrEqualTo(43).And.Not.EqualTo(started.Request.State));
        });

        var attributes = started.SetCookie.ToLowerInvariant();
        Assert.That(attributes, Does.Contain("httponly").And.Contain("secure").And.Contain("samesite=lax").And.Contain("path=/api/v1/auth/google").And.Contain("expires="));
        Assert.That(started.Cookie, Does.Not.Contain(started.Request.State).And.Not.Contain(started.Request.Nonce), "the cookie is encrypted");
    }

    [Test]
    public async Task A_google_sign_in_ends_in_a_session_like_a_password_login()
    {
        var admin = await SignUpAsync(deviceLabel: "Laptop");

        var location = await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email.ToUpperInvariant()), "/projects?tab=jobs");

        Assert.That(HttpUtility.ParseQueryString(location.Query)["returnUrl"], Is.EqualTo("/projects?tab=jobs"));
        var exchanged = await ExchangeRawAsync(CodeOf(location), deviceLabel: "Laptop");
        Assert.That(exchanged.StatusCode, Is.EqualTo(HttpStatusCode.OK), await exchanged.Content.ReadAsStringAsync());
        var signed = Signed.From(admin.Email, await JsonAsync(exchanged));
        Assert.That(signed.UserId, Is.EqualTo(admin.UserId));
        Assert.That((string?)signed.Body["tokenType"], Is.EqualTo("Bearer"));

        var me = await JsonAsync(await GetAsync("/api/v1/me", signed.AccessToken));
        Assert.That((string?)me["session"]!["id"], Is.EqualTo(signed.SessionId));
        var refreshed = await PostAsync("/api/v1/auth/refresh", new { refreshToken = signed.RefreshToken });
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the refresh token works like a login's");

        var succeeded = await AuditAsync(signed.AccessToken, "auth.login_succeeded");
        Assert.That((string?)succeeded[0]["data"]!["method"], Is.EqualTo("google"));
        Assert.That((string?)succeeded[0]["data"]!["sessionId"], Is.EqualTo(signed.SessionId));
        Assert.That(Google.TokenRequests.Last()["redirect_uri"], Is.EqualTo(CallbackUrl));
    }

    [Test]
    public async Task The_callback_clears_the_state_cookie_whatever_the_outcome()
    {
        var started = await StartAsync();

        var response = await CallbackRawAsync("no-such-code", started.Request.State, started.Cookie);

        var cleared = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cxg_google_state=", StringComparison.Ordinal));
        Assert.That(cleared, Does.StartWith("cxg_google_state=;").And.Contain("path=/api/v1/auth/google").And.Contain("expires=").IgnoreCase);
    }

    [Test]
    public async Task An_id_token_with_another_nonce_is_refused()
    {
        var admin = await SignUpAsync();

        var location = await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email) { Nonce = "a-nonce-from-another-sign-in" });

        Assert.That(Outcome(location), Is.EqualTo("error:invalid_token"));
    }

    [Test]
    public async Task An_id_token_for_another_client_is_refused()
    {
        var admin = await SignUpAsync();

        var location = await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email) { Audience = "someone-else.apps.test" });

        Assert.That(Outcome(location), Is.EqualTo("error:invalid_token"));
    }

    [Test]
    public async Task An_id_token_signed_with_a_key_outside_the_jwks_is_refused()
    {
        var admin = await SignUpAsync();

        var location = await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email) { SignWithRogueKey = true });

        Assert.That(Outcome(location), Is.EqualTo("error:invalid_token"));
    }

    [Test]
    public async Task An_unverified_email_is_refused()
    {
        var admin = await SignUpAsync();

        var location = await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email) { EmailVerified = false });

        Assert.That(Outcome(location), Is.EqualTo("error:email_unverified"));
    }

    [Test]
    public async Task An_unknown_email_creates_no_account()
    {
        var email = UniqueEmail("stranger");

        var location = await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(email));

        Assert.That(Outcome(location), Is.EqualTo("error:no_account"));
        Assert.That(await Seed.CountAsync(Factory, db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email)), Is.Zero);
    }

    [Test]
    public async Task A_disabled_user_is_refused_and_the_attempt_audited()
    {
        var admin = await SignUpAsync();
        var email = UniqueEmail("agent");
        var memberId = await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password);
        var disabled = await SendAsync(HttpMethod.Patch, $"/api/v1/users/{memberId}", new { status = "disabled" }, admin.AccessToken);
        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await disabled.Content.ReadAsStringAsync());

        var location = await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(email));

        Assert.That(Outcome(location), Is.EqualTo("error:disabled"));
        var failed = await AuditAsync(admin.AccessToken, "auth.login_failed");
        Assert.That((string?)failed[0]["data"]!["reason"], Is.EqualTo("user_disabled"));
        Assert.That((string?)failed[0]["data"]!["method"], Is.EqualTo("google"));
    }

    [Test]
    public async Task A_code_works_once()
    {
        var admin = await SignUpAsync();
        var code = CodeOf(await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email)));
        Assert.That((await ExchangeRawAsync(code)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertProblemAsync(await ExchangeRawAsync(code), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Test]
    public async Task A_code_expires_after_60_seconds()
    {
        var admin = await SignUpAsync();
        var code = CodeOf(await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email)));

        Advance(TimeSpan.FromSeconds(61));

        await AssertProblemAsync(await ExchangeRawAsync(code), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Test]
    public async Task An_unknown_code_is_refused_and_an_empty_one_is_a_validation_error()
    {
        await AssertProblemAsync(await ExchangeRawAsync("not-a-code"), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var body = await AssertProblemAsync(await ExchangeRawAsync(""), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!["code"], Is.Not.Null);
    }

    [Test]
    public async Task A_state_that_does_not_match_the_cookie_is_refused_and_google_is_not_asked()
    {
        var admin = await SignUpAsync();
        var started = await StartAsync();
        var other = await StartAsync();
        var code = Google.Approve(started.Request, new FakeOpenIdProvider.Grant(admin.Email));
        var asked = Google.TokenRequests.Count;

        Assert.That(Outcome(await CallbackAsync(code, started.Request.State, other.Cookie)), Is.EqualTo("error:invalid_state"), "another sign-in's cookie");
        Assert.That(Outcome(await CallbackAsync(code, started.Request.State, cookie: null)), Is.EqualTo("error:invalid_state"), "no cookie");
        Assert.That(Outcome(await CallbackAsync(code, started.Request.State, started.Cookie[..^4] + "AAAA")), Is.EqualTo("error:invalid_state"), "a changed cookie");
        Assert.That(Outcome(await CallbackAsync(code, state: null, started.Cookie)), Is.EqualTo("error:invalid_state"), "no state");
        Assert.That(Google.TokenRequests, Has.Count.EqualTo(asked));
    }

    [Test]
    public async Task A_state_older_than_10_minutes_is_refused()
    {
        var admin = await SignUpAsync();
        var started = await StartAsync();
        var code = Google.Approve(started.Request, new FakeOpenIdProvider.Grant(admin.Email));

        Advance(TimeSpan.FromMinutes(10));

        Assert.That(Outcome(await CallbackAsync(code, started.Request.State, started.Cookie)), Is.EqualTo("error:invalid_state"));
    }

    [Test]
    public async Task A_cancelled_or_failed_sign_in_at_google_reports_our_reason_never_google_text()
    {
        var started = await StartAsync();
        Assert.That(Outcome(await CallbackAsync(null, started.Request.State, started.Cookie, error: "access_denied")), Is.EqualTo("error:access_denied"));

        // The fake's refusal carries markup; the redirect carries only our code.
        var location = await CallbackAsync("a-code-google-never-issued", started.Request.State, started.Cookie);
        Assert.That(Outcome(location), Is.EqualTo("error:provider_error"));
        Assert.That(location.ToString(), Does.Not.Contain("script").And.Not.Contain("Bad"));
    }

    [TestCase("https://evil.example/steal")]
    [TestCase("//evil.example/steal")]
    [TestCase("/\\evil.example/steal")]
    [TestCase("javascript:alert(1)")]
    [TestCase("https://app.cxgear.test.evil.example/")]
    [TestCase("https://app.cxgear.test@evil.example/")]
    [TestCase("http://app.cxgear.test/projects")]
    public async Task A_return_url_outside_the_web_app_is_refused(string returnUrl)
    {
        var response = await StartRawAsync(returnUrl);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!["returnUrl"], Is.Not.Null);
        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
    }

    [Test]
    public async Task A_return_url_on_the_web_apps_own_address_comes_back_as_its_path()
    {
        var admin = await SignUpAsync();

        var location = await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email), "https://app.cxgear.test/spinners/42?view=runs");

        Assert.That(HttpUtility.ParseQueryString(location.Query)["returnUrl"], Is.EqualTo("/spinners/42?view=runs"));
    }

    [Test]
    public async Task A_google_sign_in_meets_the_single_session_rule_like_a_password_login()
    {
        var admin = await SignUpAsync(deviceLabel: "Chrome on macOS", ip: "198.51.100.7");
        var code = CodeOf(await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email)));

        var conflict = await AssertProblemAsync(
            await ExchangeRawAsync(code, deviceLabel: "Firefox on Windows", ip: "192.0.2.50"), HttpStatusCode.Conflict, "SESSION_CONFLICT");
        Assert.That((string?)conflict["previousSession"]!["deviceLabel"], Is.EqualTo("Chrome on macOS"));
        Assert.That((await GetAsync("/api/v1/me", admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refused sign-in leaves the session alone");

        // The refused exchange did not spend the code: the web app asks again with takeover.
        var taken = await ExchangeRawAsync(code, deviceLabel: "Firefox on Windows", takeover: true, ip: "192.0.2.50");
        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.OK), await taken.Content.ReadAsStringAsync());
        await AssertProblemAsync(await GetAsync("/api/v1/me", admin.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REPLACED");
    }

    [Test]
    public async Task A_user_disabled_between_callback_and_exchange_is_refused()
    {
        var admin = await SignUpAsync();
        var email = UniqueEmail("agent");
        var memberId = await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password);
        var code = CodeOf(await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(email)));
        await SendAsync(HttpMethod.Patch, $"/api/v1/users/{memberId}", new { status = "disabled" }, admin.AccessToken);

        await AssertProblemAsync(await ExchangeRawAsync(code), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        Assert.That(await Seed.CountAsync(Factory, db => db.Users.IgnoreQueryFilters().Where(u => u.Id == memberId && u.Status == UserStatus.Disabled)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_suspended_organizations_user_is_refused_at_the_exchange_like_a_password_login()
    {
        var admin = await SignUpAsync();
        var email = UniqueEmail("agent");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password);
        var code = CodeOf(await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(email)));
        await Seed.SuspendAsync(Factory, admin.OrganizationId, "Unpaid invoices");

        await AssertProblemAsync(await ExchangeRawAsync(code), HttpStatusCode.Forbidden, "ORGANIZATION_SUSPENDED");
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password = Password }),
            HttpStatusCode.Forbidden,
            "ORGANIZATION_SUSPENDED");
    }
}
