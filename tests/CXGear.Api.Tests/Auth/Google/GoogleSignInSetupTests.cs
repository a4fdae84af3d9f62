using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Auth;

namespace CXGear.Api.Tests.Auth.Google;

/// <summary>Sign in with Google switched off (no client id and secret) and half set up.</summary>
public sealed class GoogleSignInSetupTests : ApiTestBase
{
    [Test]
    public async Task Without_a_client_the_providers_say_password_only_and_the_google_routes_are_not_found()
    {
        var body = await JsonAsync(await GetAsync("/api/v1/auth/providers"));

        Assert.That(body.ToJsonString(), Is.EqualTo("""{"password":true,"google":false}"""));
        await AssertProblemAsync(await GetAsync("/api/v1/auth/google"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync("/api/v1/auth/google/callback?code=x&state=y"), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public void A_client_id_without_its_secret_stops_start_up()
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Auth:Google:ClientId"] = "cxgear-web.apps.test";

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("Auth:Google:ClientSecret"));
    }

    [Test]
    public void A_plain_http_authority_off_this_machine_stops_start_up()
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Auth:Google:ClientId"] = "cxgear-web.apps.test";
        factory.Settings["Auth:Google:ClientSecret"] = "secret";
        factory.Settings["Auth:Google:Authority"] = "http://accounts.example.test";

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("Auth:Google:Authority"));
    }
}

/// <summary>The exchange hands out a refresh token, so with the browser refresh cookie on it sets the cookie too.</summary>
public sealed class GoogleRefreshCookieTests : GoogleSignInTestBase
{
    protected override void ConfigureMore(CXGearApiFactory factory) => factory.Settings["Auth:RefreshCookie:Enabled"] = "true";

    [Test]
    public async Task The_exchange_sets_the_refresh_cookie()
    {
        var admin = await SignUpAsync();
        var code = CodeOf(await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(admin.Email)));

        var response = await ExchangeRawAsync(code);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var cookie = RefreshCookieTests.RefreshCookieOf(response);
        Assert.That(cookie, Is.Not.Null);
        Assert.That(RefreshCookieTests.ValueOf(cookie!), Is.EqualTo((string)(await JsonAsync(response))["refreshToken"]!));
    }
}

/// <summary>The provider's keys are cached from its JWKS; a token signed with a key published since is still accepted.</summary>
public sealed class GoogleKeyRotationTests : GoogleSignInTestBase
{
    [Test]
    public async Task After_the_provider_rotates_its_key_the_jwks_is_read_again()
    {
        var admin = await SignUpAsync(deviceLabel: "Laptop");
        await GoogleSignInAsync(admin.Email, deviceLabel: "Laptop");
        var reads = Google.DiscoveryReads;

        Google.RotateKey();
        var signed = await GoogleSignInAsync(admin.Email, deviceLabel: "Laptop");

        Assert.That(signed.UserId, Is.EqualTo(admin.UserId));
        Assert.That(Google.DiscoveryReads, Is.GreaterThan(reads));
    }
}
