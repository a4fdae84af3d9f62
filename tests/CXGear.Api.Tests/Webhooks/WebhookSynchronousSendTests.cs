using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Webhooks.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>
/// Attempts that complete without ever yielding (SQLite's async calls often finish synchronously, and a receiver may
/// answer at once) come back as the runtime's cached completed task: the dispatcher must still count each one.
/// </summary>
public sealed class WebhookSynchronousSendTests : WebhooksTestBase
{
    private readonly ImmediateSender _sender = new();

    protected override void Configure(CXGearApiFactory factory) =>
        factory.TestServices = services =>
        {
            services.RemoveAll<IWebhookSender>();
            services.AddSingleton<IWebhookSender>(_sender);
        };

    [Test]
    public async Task Many_attempts_that_complete_synchronously_are_each_sent_once_and_recorded()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var endpoint = await CreateEndpointAsync(a.Admin.AccessToken, "https://crm.example.com/hooks");
        for (var i = 0; i < 8; i++)
        {
            await RotateIngestAsync(a.Admin.AccessToken, a.TableId);
        }

        Assert.That(await Dispatcher.RunOnceAsync(CancellationToken.None), Is.EqualTo(8));

        Assert.That(_sender.Sent, Is.EqualTo(8));
        Assert.That((await DeliveriesAsync(a.Admin.AccessToken, endpoint.Id)).Select(d => (string?)d["status"]), Is.All.EqualTo("succeeded"));
    }

    private sealed class ImmediateSender : IWebhookSender
    {
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        public Task<WebhookSendResult> SendAsync(WebhookSendRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sent);
            return Task.FromResult(new WebhookSendResult(204, null, TimeSpan.Zero));
        }
    }
}
