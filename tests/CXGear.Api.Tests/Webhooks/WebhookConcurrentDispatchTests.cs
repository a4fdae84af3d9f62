using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Webhooks.Dispatch;
using CXGear.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>
/// Two dispatchers (two instances' worth) draining the same deliveries at once: claims take several deliveries per
/// statement, and each delivery still goes to exactly one of them, is sent once and recorded once.
/// </summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class WebhookConcurrentDispatchTests : WebhooksTestBase
{
    public WebhookConcurrentDispatchTests(TestEngine engine) => Engine = engine;

    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Webhooks:AllowPrivateNetworks"] = "true";

    [Test]
    public async Task Two_dispatchers_send_each_of_many_deliveries_once_and_record_one_attempt_each()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (a, endpoint, first) = await DeliverOneAsync(receiver);
        const int events = 30;
        for (var i = 0; i < events; i++)
        {
            await RotateIngestAsync(a.Admin.AccessToken, a.TableId);
        }

        var other = ActivatorUtilities.CreateInstance<WebhookDispatcher>(Factory.Services);
        Assert.That(other.InstanceId, Is.Not.EqualTo(Dispatcher.InstanceId));
        var sent = await Task.WhenAll(Dispatcher.RunOnceAsync(CancellationToken.None), other.RunOnceAsync(CancellationToken.None));

        Assert.That(sent.Sum(), Is.EqualTo(events), "every due delivery attempted once, by one of the two");
        Assert.That(receiver.Requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(events + 1));
        Assert.That(receiver.Requests, Has.Count.EqualTo(events + 1), "no event sent twice");
        var log = await DeliveriesAsync(a.Admin.AccessToken, endpoint.Id);
        Assert.That(log, Has.Length.EqualTo(events + 1));
        Assert.That(log.Select(d => ((string?)d["status"], (int?)d["attempts"])), Is.All.EqualTo(((string?)"succeeded", (int?)1)));
        Assert.That((string?)first["status"], Is.EqualTo("succeeded"));
    }
}
