using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Runtime;
using CXGear.Application.Webhooks.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>Endpoints created through the routes, events caused through the routes and the runtime, sent by the dispatcher the test drives.</summary>
public abstract class WebhooksTestBase : RuntimeTestBase
{
    protected sealed record Endpoint(string Id, string Secret);

    protected WebhookDispatcher Dispatcher => Factory.Services.GetRequiredService<WebhookDispatcher>();

    protected Task<HttpResponseMessage> CreateEndpointRawAsync(string token, object body) => PostAsync("/api/v1/webhook-endpoints", body, token);

    protected async Task<Endpoint> CreateEndpointAsync(string token, string url, params string[] events)
    {
        var response = await CreateEndpointRawAsync(token, new { url, events = events.Length == 0 ? ["ingest.webhook_rotated"] : events, description = "CRM" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        return new Endpoint((string)body["endpoint"]!["id"]!, (string)body["secret"]!);
    }

    protected sealed record Delivered(Arranged Arranged, Endpoint Endpoint, JsonNode Delivery);

    /// <summary>One event sent to an endpoint at <paramref name="receiver"/> and delivered: its delivery as the log shows it.</summary>
    private protected async Task<Delivered> DeliverOneAsync(WebhookReceiver receiver)
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var endpoint = await CreateEndpointAsync(a.Admin.AccessToken, receiver.Url);
        await RotateIngestAsync(a.Admin.AccessToken, a.TableId);
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        return new Delivered(a, endpoint, (await DeliveriesAsync(a.Admin.AccessToken, endpoint.Id)).Single());
    }

    /// <summary>A cheap event: rotating a table's ingest token raises <c>ingest.webhook_rotated</c>.</summary>
    protected async Task RotateIngestAsync(string token, string tableId)
    {
        var response = await PostAsync($"/api/v1/data-tables/{tableId}/ingest-webhook/rotate", token: token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    protected async Task<JsonNode[]> DeliveriesAsync(string token, string endpointId)
    {
        var response = await GetAsync($"/api/v1/webhook-endpoints/{endpointId}/deliveries", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(i => i!).ToArray();
    }

    protected async Task<JsonNode> EndpointAsync(string token, string endpointId)
    {
        var response = await GetAsync($"/api/v1/webhook-endpoints/{endpointId}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    /// <summary>
    /// The test's own Standard Webhooks verification, written from the specification and sharing no code with the
    /// API: base64 HMAC-SHA256 of "id.timestamp.body" under the base64 key after "whsec_".
    /// </summary>
    protected static string ExpectedSignature(string secret, string id, string timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        using var hmac = new HMACSHA256(key);
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body)));
    }
}
