using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Common.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>With <c>Webhooks:AllowPrivateNetworks</c> off (the default), a loopback endpoint is refused when sent to as well as when saved.</summary>
public sealed class WebhookSsrfTests : WebhooksTestBase
{
    [Test]
    public async Task A_url_that_leads_to_loopback_at_send_time_is_refused_at_connect_and_the_receiver_never_hears_of_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        var endpoint = await CreateEndpointAsync(token, "https://crm.example.com/hooks");

        // A name that resolved to a public address at save and to loopback now (DNS rebinding), played by the row.
        var id = Guid.Parse(endpoint.Id);
        var loopback = receiver.Url.Replace("http://", "https://", StringComparison.Ordinal);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            await db.WebhookEndpoints.IgnoreQueryFilters().Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Url, loopback));
        }

        await RotateIngestAsync(token, a.TableId);
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.That(receiver.Requests, Is.Empty);
        var delivery = (await DeliveriesAsync(token, endpoint.Id)).Single();
        Assert.That(((string?)delivery["status"], (int?)delivery["lastStatusCode"]), Is.EqualTo(("pending", (int?)null)));
        Assert.That((string?)delivery["lastError"], Does.StartWith("Refused:").And.Contain("127.0.0.1"));
    }
}
