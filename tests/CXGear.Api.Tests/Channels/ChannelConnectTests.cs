using System.Net;
using System.Web;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Vault.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Channels;

/// <summary>
/// <c>POST /channels/whatsapp/connect</c>, Meta's callback against a fake Graph API, <c>GET /channels</c> and
/// <c>DELETE /channels/{id}</c>: states, refusals (each with its reason in the redirect), the Channels meter, isolation.
/// </summary>
public sealed class ChannelConnectTests : ChannelsTestBase
{
    [Test]
    public async Task Connect_answers_Metas_dialog_url_with_the_exact_callback_under_PUBLIC_API_URL_and_a_fresh_state()
    {
        var admin = await SignUpAsync();

        var start = await ConnectAsync(admin.AccessToken);

        var url = new Uri((string)start["authorizeUrl"]!);
        var query = HttpUtility.ParseQueryString(url.Query);
        var state = (string)start["state"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(url.GetLeftPart(UriPartial.Path), Is.EqualTo("https://www.facebook.test/v21.0/dialog/oauth"));
            Assert.That(query["client_id"], Is.EqualTo("1234567890"));
            Assert.That(query["redirect_uri"], Is.EqualTo(CallbackUrl));
            Assert.That(query["state"], Is.EqualTo(state));
            Assert.That(query["response_type"], Is.EqualTo("code"));
            Assert.That(query["scope"], Is.EqualTo("whatsapp_business_management,whatsapp_business_messaging"));
            Assert.That(query["config_id"], Is.EqualTo("cfg-42"));
            Assert.That(Convert.FromBase64String(state.Replace('-', '+').Replace('_', '/') + "="), Has.Length.EqualTo(32), "256 random bits");
            Assert.That((DateTime)start["expiresAt"]!, Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10)));
            Assert.That((string)(await ConnectAsync(admin.AccessToken))["state"]!, Is.Not.EqualTo(state));
        }
    }

    [Test]
    public async Task The_callback_stores_one_channel_per_number_with_the_token_encrypted_audits_and_redirects_connected()
    {
        var admin = await SignUpAsync();
        await Seed.PlanAsync(Factory, admin.OrganizationId, PlanId.Pro);
        var business = Graph.AddBusiness(numbers: 2);
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;

        var location = await CallbackAsync(business.Code, state);

        Assert.That(Outcome(location), Is.EqualTo("connected"));
        var channels = await ChannelsAsync(admin.AccessToken);
        Assert.That(channels.Select(c => ((string?)c["kind"], (string?)c["phoneNumberId"], (string?)c["phoneNumber"], (string?)c["displayName"], (string?)c["status"])),
            Is.EquivalentTo(business.PhoneNumbers.Select(p => ((string?)"whatsapp", (string?)p.Id, (string?)p.Phone, (string?)p.Name, (string?)"connected"))));
        Assert.That(channels.Select(c => c.ToJsonString()), Has.None.Contains(business.Token));
        Assert.That(await ChannelsMeterAsync(admin.AccessToken), Is.EqualTo(2));
        var exchange = Graph.Requests.Single(r => r.Path.EndsWith("/oauth/access_token", StringComparison.Ordinal) && r.Query.Contains(business.Code, StringComparison.Ordinal));
        Assert.That(HttpUtility.ParseQueryString(exchange.Query)["redirect_uri"], Is.EqualTo(CallbackUrl), "the exchange repeats the authorize URL's redirect_uri");
        var subscription = Graph.Requests.Single(r => r.Method == "POST" && r.Path == $"/{FakeGraphApi.Version}/{business.WabaId}/subscribed_apps");
        Assert.That(subscription.Authorization, Is.EqualTo("Bearer " + business.Token), "the app is subscribed to the account's webhooks");

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var organizationId = Guid.Parse(admin.OrganizationId);
        var stored = await db.Channels.IgnoreQueryFilters().Where(c => c.OrganizationId == organizationId).ToListAsync();
        var cipher = scope.ServiceProvider.GetRequiredService<IVaultCipher>();
        Assert.That(stored.Select(c => c.ProtectedToken), Has.None.Contains(business.Token));
        Assert.That(stored.Select(c => cipher.TryUnprotect(organizationId, c.ProtectedToken)), Has.All.EqualTo(business.Token));
        Assert.That(stored.Select(c => c.WabaId), Has.All.EqualTo(business.WabaId));
        var events = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == organizationId && e.Type == "channel.connected").Select(e => e.Data).ToListAsync();
        Assert.That(events, Has.Count.EqualTo(2).And.All.Not.Contains(business.Token));
        Assert.That(string.Join("\n", Factory.Logs), Does.Not.Contain(business.Token).And.Not.Contain(business.Code).And.Not.Contain(AppSecret).And.Not.Contain(state));
    }

    [Test]
    public async Task A_used_state_is_refused_on_replay_and_nothing_changes()
    {
        var admin = await SignUpAsync();
        var business = Graph.AddBusiness();
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;
        Assert.That(Outcome(await CallbackAsync(business.Code, state)), Is.EqualTo("connected"));
        var exchanges = Graph.Requests.Count(r => r.Query.Contains(business.Code, StringComparison.Ordinal));

        var replay = await CallbackAsync(business.Code, state);

        Assert.That(Outcome(replay), Is.EqualTo("error:STATE_USED"));
        Assert.That(Graph.Requests.Count(r => r.Query.Contains(business.Code, StringComparison.Ordinal)), Is.EqualTo(exchanges), "no second exchange");
        Assert.That(await ChannelsAsync(admin.AccessToken), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Two_callbacks_racing_with_one_state_connect_once()
    {
        var admin = await SignUpAsync();
        await Seed.PlanAsync(Factory, admin.OrganizationId, PlanId.Pro);
        var first = Graph.AddBusiness();
        var second = Graph.AddBusiness();
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;

        var outcomes = await Task.WhenAll(CallbackAsync(first.Code, state), CallbackAsync(second.Code, state));

        Assert.That(outcomes.Select(Outcome), Is.EquivalentTo(new[] { "connected", "error:STATE_USED" }));
        Assert.That(await ChannelsAsync(admin.AccessToken), Has.Length.EqualTo(1));
        Assert.That(await ChannelsMeterAsync(admin.AccessToken), Is.EqualTo(1));
    }

    [Test]
    public async Task An_expired_state_is_refused_before_Meta_is_asked_anything()
    {
        var admin = await SignUpAsync();
        var business = Graph.AddBusiness();
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;
        Advance(TimeSpan.FromMinutes(10));

        var location = await CallbackAsync(business.Code, state);

        Assert.That(Outcome(location), Is.EqualTo("error:STATE_EXPIRED"));
        Assert.That(Graph.Requests.Any(r => r.Query.Contains(business.Code, StringComparison.Ordinal)), Is.False);
        Assert.That(await ChannelsAsync(admin.AccessToken), Is.Empty);
    }

    [TestCase(null)]
    [TestCase("not-a-state-we-issued")]
    public async Task An_unknown_or_missing_state_is_refused(string? state)
    {
        var business = Graph.AddBusiness();

        var location = await CallbackAsync(business.Code, state);

        Assert.That(Outcome(location), Is.EqualTo("error:STATE_UNKNOWN"));
        Assert.That(Graph.Requests.Any(r => r.Query.Contains(business.Code, StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task A_state_followed_by_a_member_of_another_organization_connects_nothing_in_either()
    {
        var owner = await SignUpAsync();
        var other = await SignUpAsync();
        var business = Graph.AddBusiness();
        var state = (string)(await ConnectAsync(owner.AccessToken))["state"]!;

        var location = await CallbackAsync(business.Code, state, token: other.AccessToken);

        Assert.That(Outcome(location), Is.EqualTo("error:STATE_MISMATCH"));
        Assert.That(await ChannelsAsync(owner.AccessToken), Is.Empty);
        Assert.That(await ChannelsAsync(other.AccessToken), Is.Empty);

        // The state is not spent by the refusal: its own organization's browser still completes it.
        Assert.That(Outcome(await CallbackAsync(business.Code, state)), Is.EqualTo("connected"));
        Assert.That(await ChannelsAsync(owner.AccessToken), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_number_another_organization_holds_is_refused()
    {
        var first = await SignUpAsync();
        var second = await SignUpAsync();
        var business = await ConnectBusinessAsync(first);
        var again = "code-again-" + Guid.NewGuid().ToString("N");
        Graph.Codes[again] = business.Token;
        var state = (string)(await ConnectAsync(second.AccessToken))["state"]!;

        var location = await CallbackAsync(again, state);

        Assert.That(Outcome(location), Is.EqualTo("error:PHONE_NUMBER_IN_USE"));
        Assert.That(await ChannelsAsync(second.AccessToken), Is.Empty);
        Assert.That(await ChannelsMeterAsync(second.AccessToken), Is.Zero);
        Assert.That(await ChannelsAsync(first.AccessToken), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Connecting_a_held_number_again_refreshes_its_token_and_takes_no_second_unit()
    {
        var admin = await SignUpAsync();
        var business = await ConnectBusinessAsync(admin);
        var before = (await ChannelsAsync(admin.AccessToken)).Single();
        var again = "code-again-" + Guid.NewGuid().ToString("N");
        Graph.Codes[again] = "EAAG-new-token";
        Graph.Grants["EAAG-new-token"] = [business.WabaId];
        Graph.Owned["EAAG-new-token"] = [business.WabaId];
        Advance(TimeSpan.FromMinutes(1));
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;

        Assert.That(Outcome(await CallbackAsync(again, state)), Is.EqualTo("connected"));

        var after = (await ChannelsAsync(admin.AccessToken)).Single();
        Assert.That((string?)after["id"], Is.EqualTo((string?)before["id"]));
        Assert.That((DateTime)after["connectedAt"]!, Is.GreaterThan((DateTime)before["connectedAt"]!));
        Assert.That(await ChannelsMeterAsync(admin.AccessToken), Is.EqualTo(1));
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var organizationId = Guid.Parse(admin.OrganizationId);
        var stored = await db.Channels.IgnoreQueryFilters().SingleAsync(c => c.OrganizationId == organizationId);
        Assert.That(scope.ServiceProvider.GetRequiredService<IVaultCipher>().TryUnprotect(organizationId, stored.ProtectedToken), Is.EqualTo("EAAG-new-token"));
    }

    [Test]
    public async Task A_provider_error_redirects_with_our_reason_never_the_providers_text()
    {
        var admin = await SignUpAsync();
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;

        var location = await CallbackAsync("a-code-meta-never-issued", state);

        Assert.That(Outcome(location), Is.EqualTo("error:PROVIDER_ERROR"));
        Assert.That(location.ToString(), Does.Not.Contain("script").And.Not.Contain("verification"));
        Assert.That(await ChannelsAsync(admin.AccessToken), Is.Empty);
    }

    [Test]
    public async Task A_cancelled_dialog_redirects_access_denied()
    {
        var admin = await SignUpAsync();
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;

        Assert.That(Outcome(await CallbackAsync(null, state, error: "access_denied")), Is.EqualTo("error:ACCESS_DENIED"));
    }

    [Test]
    public async Task The_waba_id_the_callback_carries_is_used_instead_of_the_tokens_grants()
    {
        var admin = await SignUpAsync();
        var business = Graph.AddBusiness();
        Graph.Grants[business.Token] = [];
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;

        Assert.That(Outcome(await CallbackAsync(business.Code, state, wabaId: business.WabaId)), Is.EqualTo("connected"));
        Assert.That(Graph.Requests.Any(r => r.Path.EndsWith("/debug_token", StringComparison.Ordinal) && r.Query.Contains(business.Token, StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task A_business_without_numbers_connects_nothing()
    {
        var admin = await SignUpAsync();
        var business = Graph.AddBusiness();
        Graph.Numbers[business.WabaId] = [];
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;

        Assert.That(Outcome(await CallbackAsync(business.Code, state)), Is.EqualTo("error:NO_PHONE_NUMBERS"));
    }

    [Test]
    public async Task At_the_Trial_cap_of_one_channel_the_callback_redirects_PLAN_LIMIT_and_keeps_nothing()
    {
        var admin = await SignUpAsync();
        await ConnectBusinessAsync(admin);
        var second = Graph.AddBusiness();
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;

        var location = await CallbackAsync(second.Code, state);

        Assert.That(Outcome(location), Is.EqualTo("error:PLAN_LIMIT"));
        Assert.That(await ChannelsAsync(admin.AccessToken), Has.Length.EqualTo(1));
        Assert.That(await ChannelsMeterAsync(admin.AccessToken), Is.EqualTo(1));
        var organizationId = Guid.Parse(admin.OrganizationId);
        Assert.That(await Seed.CountAsync(Factory, db => db.AuditEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == organizationId && e.Type == "channel.connected")), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_frees_the_unit_destroys_the_token_and_audits_then_another_number_fits_the_Trial_cap()
    {
        var admin = await SignUpAsync();
        await ConnectBusinessAsync(admin);
        var id = (string)(await ChannelsAsync(admin.AccessToken)).Single()["id"]!;

        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/channels/{id}", token: admin.AccessToken);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await ChannelsAsync(admin.AccessToken), Is.Empty);
        Assert.That(await ChannelsMeterAsync(admin.AccessToken), Is.Zero);
        var channelId = Guid.Parse(id);
        Assert.That(await Seed.CountAsync(Factory, db => db.Channels.IgnoreQueryFilters().Where(c => c.Id == channelId)), Is.Zero);
        var organizationId = Guid.Parse(admin.OrganizationId);
        Assert.That(await Seed.CountAsync(Factory, db => db.AuditEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == organizationId && e.Type == "channel.deleted")), Is.EqualTo(1));
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/channels/{id}", token: admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        await ConnectBusinessAsync(admin);
        Assert.That(await ChannelsMeterAsync(admin.AccessToken), Is.EqualTo(1));
    }

    [Test]
    public async Task Another_organizations_channel_is_invisible_and_cannot_be_deleted()
    {
        var owner = await SignUpAsync();
        var other = await SignUpAsync();
        await ConnectBusinessAsync(owner);
        var id = (string)(await ChannelsAsync(owner.AccessToken)).Single()["id"]!;

        Assert.That(await ChannelsAsync(other.AccessToken), Is.Empty);
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/channels/{id}", token: other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await ChannelsAsync(owner.AccessToken), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Reading_needs_integrations_read_and_connecting_or_deleting_integrations_write()
    {
        var admin = await SignUpAsync();
        await ConnectBusinessAsync(admin);
        var id = (string)(await ChannelsAsync(admin.AccessToken)).Single()["id"]!;
        var reader = await MemberWithAsync(admin, Permissions.IntegrationsRead);
        var nobody = await MemberWithAsync(admin, Permissions.ProjectsRead);

        Assert.That(await ChannelsAsync(reader.AccessToken), Has.Length.EqualTo(1));
        await AssertProblemAsync(await GetAsync("/api/v1/channels", nobody.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await ConnectRawAsync(reader.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/channels/{id}", token: reader.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await ConnectRawAsync(null), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
