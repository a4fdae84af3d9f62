using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Webhooks.Retention;
using CXGear.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>The outbound webhook log is kept <c>Webhooks:RetentionDays</c> (30) after a delivery ended: docs/api.md#outbound-webhooks.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class WebhookRetentionTests : WebhooksTestBase
{
    public WebhookRetentionTests(TestEngine engine) => Engine = engine;

    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Webhooks:AllowPrivateNetworks"] = "true";

    private WebhookHistoryPurge Purge => Factory.Services.GetRequiredService<WebhookHistoryPurge>();

    [Test]
    public async Task Ended_deliveries_go_with_their_attempts_after_30_days_and_a_message_once_no_delivery_needs_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (a, endpoint, first) = await DeliverOneAsync(receiver);
        var token = a.Admin.AccessToken;

        // Day 20: a second event, and the first one replayed (a new delivery of the same message).
        Advance(TimeSpan.FromDays(20));
        token = (await LoginAsync(a.Admin.Email)).AccessToken;
        await RotateIngestAsync(token, a.TableId);
        var replay = await PostAsync($"/api/v1/webhook-deliveries/{first["id"]}/replay", token: token);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await replay.Content.ReadAsStringAsync());
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.That(await CountsAsync(a), Is.EqualTo((Messages: 2, Deliveries: 3, Attempts: 3)));

        // Day 30, minus a minute: nothing has been ended for 30 days yet. (The purge covers every organization, and other
        // tests share the database, so what is checked is this organization's log.)
        Advance(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        await Purge.PurgeAsync(CancellationToken.None);
        Assert.That(await CountsAsync(a), Is.EqualTo((Messages: 2, Deliveries: 3, Attempts: 3)));

        // Day 30: the first delivery goes with its attempt; its message stays for the replay.
        Advance(TimeSpan.FromMinutes(2));
        token = (await LoginAsync(a.Admin.Email)).AccessToken;
        await Purge.PurgeAsync(CancellationToken.None);
        Assert.That(await CountsAsync(a), Is.EqualTo((Messages: 2, Deliveries: 2, Attempts: 2)));
        var log = await DeliveriesAsync(token, endpoint.Id);
        Assert.That(log.Select(d => (string?)d["id"]), Does.Not.Contain((string?)first["id"]));
        var gone = await PostAsync($"/api/v1/webhook-deliveries/{first["id"]}/replay", token: token);
        await AssertProblemAsync(gone, HttpStatusCode.NotFound, "NOT_FOUND");

        // Day 50: everything has been ended for 30 days; both messages go with the last deliveries.
        Advance(TimeSpan.FromDays(20));
        token = (await LoginAsync(a.Admin.Email)).AccessToken;
        await Purge.PurgeAsync(CancellationToken.None);
        Assert.That(await CountsAsync(a), Is.EqualTo((Messages: 0, Deliveries: 0, Attempts: 0)));
        Assert.That(await DeliveriesAsync(token, endpoint.Id), Is.Empty);
    }

    [Test]
    public async Task A_pending_delivery_is_kept_however_old_and_a_backlog_larger_than_a_chunk_is_purged_whole()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        var endpoint = await CreateEndpointAsync(token, "https://hooks.example.com/never-sent");
        await RotateIngestAsync(token, a.TableId);
        var pending = (await DeliveriesAsync(token, endpoint.Id)).Single();
        Assert.That((string?)pending["status"], Is.EqualTo("pending"));
        await SeedEndedAsync(a, WebhookHistoryPurge.Chunk + 7);

        Advance(TimeSpan.FromDays(45));
        var count = WebhookHistoryPurge.Chunk + 7;
        var purged = await Purge.PurgeAsync(CancellationToken.None);
        Assert.That(purged.Deliveries, Is.GreaterThanOrEqualTo(count), "counted across chunks (and other tests' rows, in a shared database)");
        Assert.That(purged.Messages, Is.GreaterThanOrEqualTo(count));
        token = (await LoginAsync(a.Admin.Email)).AccessToken;

        Assert.That(await CountsAsync(a), Is.EqualTo((Messages: 1, Deliveries: 1, Attempts: 0)));
        Assert.That((await DeliveriesAsync(token, endpoint.Id)).Single()["id"]!.ToString(), Is.EqualTo(pending["id"]!.ToString()));
    }

    /// <summary>Ended deliveries of another endpoint, more than one chunk of them, written as the dispatcher ends them.</summary>
    private async Task SeedEndedAsync(Arranged a, int count)
    {
        var other = await CreateEndpointAsync(a.Admin.AccessToken, "https://hooks.example.com/other");
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var endpointId = Guid.Parse(other.Id);
        var organizationId = await db.WebhookEndpoints.IgnoreQueryFilters().Where(e => e.Id == endpointId).Select(e => e.OrganizationId).SingleAsync();
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < count; i++)
        {
            var message = Domain.Webhooks.WebhookMessage.Create(Guid.NewGuid(), organizationId, "ingest.webhook_rotated", "{}", now);
            var delivery = Domain.Webhooks.WebhookDelivery.Create(organizationId, endpointId, message.Id, now);
            db.WebhookMessages.Add(message);
            db.WebhookDeliveries.Add(delivery);
            db.WebhookAttempts.Add(delivery.Succeeded(204, 5, now));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>This test's organization's log (other tests share the database), and no attempt left without its delivery anywhere.</summary>
    private async Task<(int Messages, int Deliveries, int Attempts)> CountsAsync(Arranged a)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var projectId = Guid.Parse(a.ProjectId);
        var organizationId = await db.Projects.IgnoreQueryFilters().Where(p => p.Id == projectId).Select(p => p.OrganizationId).SingleAsync();
        var deliveries = db.WebhookDeliveries.IgnoreQueryFilters().Where(d => d.OrganizationId == organizationId);
        Assert.That(await db.WebhookAttempts.IgnoreQueryFilters().CountAsync(t => !db.WebhookDeliveries.IgnoreQueryFilters().Any(d => d.Id == t.DeliveryId)), Is.Zero);
        return (
            await db.WebhookMessages.IgnoreQueryFilters().CountAsync(m => m.OrganizationId == organizationId),
            await deliveries.CountAsync(),
            await db.WebhookAttempts.IgnoreQueryFilters().CountAsync(t => deliveries.Any(d => d.Id == t.DeliveryId)));
    }
}
