using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Application.Billing.Common;
using CXGear.Domain.Billing;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CXGear.Infrastructure.Billing;

/// <summary>
/// Razorpay's REST API over a typed HttpClient (basic auth with the key pair, <c>Billing:Razorpay:ApiBase</c>) whose
/// handler chain holds the outbound resilience pipeline: 5xx, 408, 429 and network errors are retried. A retried
/// create can leave an extra unpaid subscription at Razorpay; nobody receives its link, so it is never paid.
/// </summary>
internal sealed class RazorpayClient(HttpClient http, IOptions<RazorpayBillingOptions> options) : IRazorpayBilling
{
    private const int MaxResponseBytes = 256 * 1024;

    private RazorpayBillingOptions Settings => options.Value;

    public async Task<RazorpaySubscription> CreateSubscriptionAsync(string razorpayPlanId, Guid organizationId, string plan, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["plan_id"] = razorpayPlanId,
            ["total_count"] = RazorpayBillingOptions.TotalCount,
            ["quantity"] = 1,
            ["customer_notify"] = 1,
            ["notes"] = new JsonObject { ["organizationId"] = organizationId.ToString(), ["plan"] = plan },
        };
        var answer = await SendAsync(HttpMethod.Post, "/v1/subscriptions", body, cancellationToken);
        return answer["id"]?.GetValue<string>() is { Length: > 0 } id && answer["short_url"]?.GetValue<string>() is { Length: > 0 } url
            ? new RazorpaySubscription(id, url)
            : throw new BillingProviderException(BillingProviders.Razorpay, 200, "Razorpay returned a subscription without an id or short_url.");
    }

    public async Task CancelSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, $"/v1/subscriptions/{Uri.EscapeDataString(subscriptionId)}/cancel", new JsonObject { ["cancel_at_cycle_end"] = 0 }, cancellationToken);

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Settings.ApiBase.TrimEnd('/') + path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Settings.KeyId}:{Settings.KeySecret}")));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw new BillingProviderException(BillingProviders.Razorpay, null, $"No response from Razorpay ({error.HttpRequestError}).");
        }
        catch (TimeoutRejectedException)
        {
            throw new BillingProviderException(BillingProviders.Razorpay, null, "No response from Razorpay within the time limit.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BillingProviderException(BillingProviders.Razorpay, null, "No response from Razorpay within the time limit.");
        }

        using (response)
        {
            var json = await ReadAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode && json is not null)
            {
                return json;
            }

            var description = json?["error"]?["description"] is JsonValue text && text.TryGetValue<string>(out var said) ? said : null;
            throw new BillingProviderException(BillingProviders.Razorpay, (int)response.StatusCode, description ?? $"Razorpay answered {(int)response.StatusCode}.");
        }
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            return null;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length > MaxResponseBytes)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
