using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Webhooks.Common;
using CXGear.Client;
using CXGear.Domain.Common;
using CXGear.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>Events caused through the routes and the runtime, delivered by the dispatcher to real local receivers.</summary>
public sealed class WebhookDeliveryTests : WebhooksTestBase
{
    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Webhooks:AllowPrivateNetworks"] = "true";

    [Test]
    public async Task A_finished_job_is_pushed_signed_per_Standard_Webhooks_with_the_job_as_the_read_route_shows_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var endpoint = await CreateEndpointAsync(token, receiver.Url, "job.completed", "job.failed");
        var jobId = await RunAsync(token, a.SpinnerId);

        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That(await Dispatcher.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));

        var received = receiver.Requests.Single();
        Assert.That(received.Signature, Is.EqualTo(ExpectedSignature(endpoint.Secret, received.Id, received.Timestamp, received.Body)));
        Assert.That(received.Timestamp, Is.EqualTo(Factory.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(received.ContentType, Does.StartWith("application/json"));
        Assert.That(new WebhookVerifier(endpoint.Secret) { Clock = Factory.Clock }.Verify(received.Id, received.Timestamp, received.Signature, received.Body), Is.True);
        Assert.That(new WebhookVerifier(endpoint.Secret) { Clock = Factory.Clock }.Verify(received.Id, received.Timestamp, received.Signature, received.Body + " "), Is.False);

        var body = JsonNode.Parse(received.Body)!;
        Assert.That(((string?)body["id"], (string?)body["type"], (string?)body["organizationId"]), Is.EqualTo((received.Id, "job.completed", a.Admin.OrganizationId)));
        Assert.That(received.Id, Does.StartWith("msg_"));
        Assert.That(body["data"]!.ToJsonString(), Is.EqualTo((await JobAsync(token, jobId)).ToJsonString()));
        var delivery = (await DeliveriesAsync(token, endpoint.Id)).Single();
        Assert.That(((string?)delivery["status"], (string?)delivery["eventId"], (string?)delivery["eventType"]), Is.EqualTo(("succeeded", received.Id, "job.completed")));
    }

    [Test]
    public async Task Records_are_pushed_only_to_endpoints_that_opted_in()
    {
        await using var records = await WebhookReceiver.StartAsync();
        await using var jobs = await WebhookReceiver.StartAsync();
        var a = await ArrangeJobAsync(rows: 3);
        var token = a.Admin.AccessToken;
        await CreateEndpointAsync(token, records.Url, "record.completed", "record.failed");
        await CreateEndpointAsync(token, jobs.Url, "job.completed");
        await RunAsync(token, a.SpinnerId);

        await Runner.RunOnceAsync(CancellationToken.None);
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var recordBodies = records.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.That(recordBodies.Select(b => (string?)b["type"]), Is.EqualTo(Enumerable.Repeat("record.completed", 3)));
        Assert.That(recordBodies.Select(b => (long?)b["data"]!["record"]!["sequence"]).Order(), Is.EqualTo(new long?[] { 1, 2, 3 }));
        Assert.That(jobs.Requests.Select(r => (string?)JsonNode.Parse(r.Body)!["type"]), Is.EqualTo(new[] { "job.completed" }));
    }

    [Test]
    public async Task A_receiver_that_fails_twice_then_succeeds_gets_one_event_three_times_with_the_same_id_and_the_log_shows_each_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Status(500), WebhookReceiver.Status(503));
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        var endpoint = await CreateEndpointAsync(token, receiver.Url);
        await RotateIngestAsync(token, a.TableId);

        await Dispatcher.RunOnceAsync(CancellationToken.None);
        var first = (await DeliveriesAsync(token, endpoint.Id)).Single();
        Assert.That(((string?)first["status"], (int?)first["attempts"], (int?)first["lastStatusCode"]), Is.EqualTo(("pending", (int?)1, (int?)500)));
        var retryAt = (DateTime)first["nextAttemptAt"]!;
        Assert.That(retryAt - Factory.Clock.GetUtcNow().UtcDateTime, Is.InRange(TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72)));
        Assert.That(await Dispatcher.RunOnceAsync(CancellationToken.None), Is.Zero, "not due yet");

        Advance(TimeSpan.FromMinutes(2));
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        Advance(TimeSpan.FromMinutes(3));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.That(receiver.Requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(receiver.Requests, Has.Count.EqualTo(3));
        var delivery = (await DeliveriesAsync(token, endpoint.Id)).Single();
        Assert.That(((string?)delivery["status"], (int?)delivery["attempts"], delivery["nextAttemptAt"]), Is.EqualTo(("succeeded", (int?)3, (JsonNode?)null)));
        var log = delivery["attemptLog"]!.AsArray();
        Assert.That(log.Select(l => ((int?)l!["number"], (int?)l["statusCode"])), Is.EqualTo(new[] { ((int?)1, (int?)500), (2, 503), (3, 200) }));
        Assert.That(log.Select(l => (string?)l!["error"]), Is.EqualTo(new[] { "HTTP 500", "HTTP 503", null }));
        Assert.That(log.All(l => (int?)l!["latencyMs"] >= 0), Is.True);
    }

    [Test]
    public async Task A_change_that_rolls_back_takes_its_event_with_it_and_nothing_is_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        await CreateEndpointAsync(a.Admin.AccessToken, receiver.Url, "ingest.webhook_rotated");
        var organizationId = Guid.Parse(a.Admin.OrganizationId);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
            var refused = await Assert.ThrowsAsync<CXGearException>(() => scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
                async () =>
                {
                    Assert.That(await outbox.AddAsync(organizationId, WebhookEventTypes.IngestWebhookRotated, new { tableId = a.TableId }, CancellationToken.None), Is.True);
                    throw new CXGearException(ErrorCodes.Conflict, "the cause failed after its event was written");
                },
                CancellationToken.None));
            Assert.That(refused!.Code, Is.EqualTo(ErrorCodes.Conflict));
        }

        Assert.That(await Seed.CountAsync(Factory, db => db.WebhookMessages.IgnoreQueryFilters().Where(m => m.OrganizationId == organizationId)), Is.Zero);
        Assert.That(await Dispatcher.RunOnceAsync(CancellationToken.None), Is.Zero);
        Assert.That(receiver.Requests, Is.Empty);

        // The same write committed is sent.
        await RotateIngestAsync(a.Admin.AccessToken, a.TableId);
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.That(receiver.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_slow_receiver_of_one_organization_does_not_delay_another_organizations_delivery()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Held(Microsoft.AspNetCore.Http.HttpContext context) => await release.Task;
        await using var slow = await WebhookReceiver.StartAsync(Held, Held, Held, Held, Held, Held);
        await using var quick = await WebhookReceiver.StartAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var b = await ArrangeJobAsync(rows: 1, publish: false);
        var endpointA = await CreateEndpointAsync(a.Admin.AccessToken, slow.Url);
        var endpointB = await CreateEndpointAsync(b.Admin.AccessToken, quick.Url);

        // A has six events waiting (more than its share of the dispatcher's slots) before B's single one.
        for (var i = 0; i < 6; i++)
        {
            await RotateIngestAsync(a.Admin.AccessToken, a.TableId);
        }

        var arrivedAtA = slow.Arrived.Task;
        await RotateIngestAsync(b.Admin.AccessToken, b.TableId);
        var arrivedAtB = quick.Arrived.Task;

        var dispatching = Dispatcher.RunOnceAsync(CancellationToken.None);
        try
        {
            await arrivedAtA.WaitAsync(TimeSpan.FromSeconds(30));
            await arrivedAtB.WaitAsync(TimeSpan.FromSeconds(30));
            await WaitForAsync(async () => (string?)(await DeliveriesAsync(b.Admin.AccessToken, endpointB.Id)).Single()["status"] == "succeeded");
            Assert.That(release.Task.IsCompleted, Is.False, "B's delivery completed while A's receiver was still holding its requests");
            Assert.That((await DeliveriesAsync(a.Admin.AccessToken, endpointA.Id)).All(d => (string?)d["status"] == "pending"), Is.True);
        }
        finally
        {
            release.TrySetResult();
        }

        await dispatching;
        Assert.That((await DeliveriesAsync(a.Admin.AccessToken, endpointA.Id)).Select(d => (string?)d["status"]), Is.All.EqualTo("succeeded"));
        Assert.That(slow.Requests, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task After_a_rotation_both_secrets_sign_for_24_hours_then_only_the_new_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        var endpoint = await CreateEndpointAsync(token, receiver.Url);
        var rotated = await PostAsync($"/api/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", token: token);
        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rotated.Content.ReadAsStringAsync());
        var newSecret = (string)(await JsonAsync(rotated))["secret"]!;
        Assert.That(newSecret, Does.StartWith("whsec_").And.Not.EqualTo(endpoint.Secret));

        await RotateIngestAsync(token, a.TableId);
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await RotateIngestAsync((await LoginAsync(a.Admin.Email)).AccessToken, a.TableId);
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var (during, after) = (receiver.Requests.First(), receiver.Requests.Last());
        Assert.That(during.Signature.Split(' '), Is.EqualTo(new[]
        {
            ExpectedSignature(newSecret, during.Id, during.Timestamp, during.Body),
            ExpectedSignature(endpoint.Secret, during.Id, during.Timestamp, during.Body),
        }));
        Assert.That(after.Signature, Is.EqualTo(ExpectedSignature(newSecret, after.Id, after.Timestamp, after.Body)));
    }

    [Test]
    public async Task A_replay_sends_the_same_message_again_as_a_new_delivery_that_names_the_original()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (a, endpoint, original) = await DeliverOneAsync(receiver);
        var token = a.Admin.AccessToken;
        Advance(TimeSpan.FromSeconds(1));

        var replay = await PostAsync($"/api/v1/webhook-deliveries/{original["id"]}/replay", token: token);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await replay.Content.ReadAsStringAsync());
        var queued = await JsonAsync(replay);
        Assert.That(((string?)queued["status"], (string?)queued["replayOf"], (string?)queued["eventId"]), Is.EqualTo(("pending", (string?)original["id"], (string?)original["eventId"])));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.That(receiver.Requests.Select(r => (r.Id, r.Body)).Distinct().Count(), Is.EqualTo(1), "same id, same bytes");
        Assert.That(receiver.Requests, Has.Count.EqualTo(2));
        var log = await DeliveriesAsync(token, endpoint.Id);
        Assert.That(log.Select(d => ((string?)d["status"], (string?)d["replayOf"])), Is.EqualTo(new[] { ("succeeded", (string?)original["id"]), ("succeeded", null) }));
    }

    [Test]
    public async Task An_endpoint_failing_for_the_whole_window_is_disabled_with_its_reason_and_its_other_deliveries_end()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Enumerable.Repeat(WebhookReceiver.Status(500), 10).ToArray());
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        var endpoint = await CreateEndpointAsync(token, receiver.Url);
        await RotateIngestAsync(token, a.TableId);
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.That((DateTime?)(await EndpointAsync(token, endpoint.Id))["failingSince"], Is.Not.Null);

        // Five days on (the default window), a second event fails too: the endpoint has failed for the whole window.
        Advance(TimeSpan.FromDays(5));
        token = (await LoginAsync(a.Admin.Email)).AccessToken;
        await RotateIngestAsync(token, a.TableId);
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var disabled = await EndpointAsync(token, endpoint.Id);
        Assert.That((bool?)disabled["enabled"], Is.False);
        Assert.That((string?)disabled["disabledReason"], Does.Contain("5 days").And.Contain("HTTP 500"));
        Assert.That((await DeliveriesAsync(token, endpoint.Id)).Select(d => ((string?)d["status"], d["nextAttemptAt"])), Is.All.EqualTo(("failed", (JsonNode?)null)));
        var sent = receiver.Requests.Count;
        await RotateIngestAsync(token, a.TableId);
        Assert.That(await Dispatcher.RunOnceAsync(CancellationToken.None), Is.Zero, "a disabled endpoint is sent nothing");
        Assert.That(receiver.Requests, Has.Count.EqualTo(sent));
        await AssertProblemAsync(
            await PostAsync($"/api/v1/webhook-deliveries/{(await DeliveriesAsync(token, endpoint.Id))[0]["id"]}/replay", token: token), HttpStatusCode.Conflict, "CONFLICT");
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        // Real time: the dispatcher records B's attempt on its own after the response; the clock is not involved.
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The condition was not met within 15 s.");
    }
}
