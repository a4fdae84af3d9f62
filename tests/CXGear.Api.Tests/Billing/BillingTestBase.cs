using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Billing;

/// <summary>
/// A host whose <c>Billing:Stripe</c> and <c>Billing:Razorpay</c> APIs are a <see cref="FakeBillingProviders"/> on a
/// local port, and helpers that play the providers' webhooks. Signatures are computed here by hand (Stripe:
/// <c>t=…,v1=</c> hex HMAC-SHA256 of <c>"{t}.{body}"</c>; Razorpay: hex HMAC-SHA256 of the body), so the tests do not
/// lean on the library they check.
/// </summary>
public abstract class BillingTestBase : ApiTestBase
{
    protected const string StripeWebhookSecret = "whsec_test_0123456789abcdef";
    protected const string RazorpayWebhookSecret = "rzp-webhook-secret-0123";
    protected const string StripeSecretKey = "sk_test_0123456789";
    protected const string RazorpayKeyId = "rzp_test_key";
    protected const string RazorpayKeySecret = "rzp_test_secret";
    protected const string ProPrice = "price_pro_monthly";
    protected const string AdvancedPrice = "price_advanced_monthly";
    protected const string RazorpayProPlan = "plan_pro_inr";
    protected const string RazorpayAdvancedPlan = "plan_advanced_inr";
    protected const string BillingPage = "https://app.cxgear.test/billing";
    protected const string StripeWebhook = "/api/v1/public/billing/stripe/webhook";
    protected const string RazorpayWebhook = "/api/v1/public/billing/razorpay/webhook";

    private protected FakeBillingProviders Providers { get; private set; } = null!;

    protected override void Configure(CXGearApiFactory factory)
    {
        Providers = FakeBillingProviders.StartAsync().GetAwaiter().GetResult();
        factory.Settings["Billing:Stripe:SecretKey"] = StripeSecretKey;
        factory.Settings["Billing:Stripe:WebhookSecret"] = StripeWebhookSecret;
        factory.Settings["Billing:Stripe:ApiBase"] = Providers.StripeBase;
        factory.Settings["Billing:Stripe:Prices:Pro"] = ProPrice;
        factory.Settings["Billing:Stripe:Prices:Advanced"] = AdvancedPrice;
        factory.Settings["Billing:Stripe:Amounts:Pro"] = "49";
        factory.Settings["Billing:Stripe:Amounts:Advanced"] = "199";
        factory.Settings["Billing:Razorpay:KeyId"] = RazorpayKeyId;
        factory.Settings["Billing:Razorpay:KeySecret"] = RazorpayKeySecret;
        factory.Settings["Billing:Razorpay:WebhookSecret"] = RazorpayWebhookSecret;
        factory.Settings["Billing:Razorpay:ApiBase"] = Providers.RazorpayBase;
        factory.Settings["Billing:Razorpay:Plans:Pro"] = RazorpayProPlan;
        factory.Settings["Billing:Razorpay:Plans:Advanced"] = RazorpayAdvancedPlan;
        factory.Settings["Billing:Razorpay:Amounts:Pro"] = "3999";
        factory.Settings["Runtime:Outbound:RetryBaseDelayMilliseconds"] = "1";
    }

    [OneTimeTearDown]
    public async Task StopProvidersAsync() => await Providers.StopAsync();

    protected long Now => Factory.Clock.GetUtcNow().ToUnixTimeSeconds();

    protected async Task<JsonNode> BillingAsync(string token)
    {
        var response = await GetAsync("/api/v1/billing", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected async Task<string> PlanAsync(string token) => (string)(await BillingAsync(token))["plan"]!;

    protected async Task<JsonNode> CheckoutAsync(string token, string plan = "pro")
    {
        var response = await PostAsync("/api/v1/billing/checkout", new { plan }, token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected async Task SetCountryAsync(string token, string? country, string? billingEmail = null)
    {
        var response = await SendAsync(HttpMethod.Put, "/api/v1/billing/profile", new { country, billingEmail }, token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Checks out Pro through Stripe and returns the Stripe customer the organization was given.</summary>
    protected async Task<string> StripeCustomerAsync(string token)
    {
        await CheckoutAsync(token);
        return Providers.To("/stripe/v1/checkout/sessions").Last().Form["customer"];
    }

    /// <summary>Checks out a plan through Razorpay (country IN) and returns the subscription id created.</summary>
    protected async Task<string> RazorpaySubscriptionAsync(string token, string plan = "pro")
    {
        await SetCountryAsync(token, "IN");
        var url = (string)(await CheckoutAsync(token, plan))["url"]!;
        return url[(url.LastIndexOf('/') + 1)..];
    }

    protected static string NewEventId(string prefix = "evt") => $"{prefix}_{Guid.NewGuid():N}";

    // ---- Stripe events ----

    protected static string CheckoutCompleted(string eventId, long created, string customer, string subscription, string organizationId, string plan = "pro") =>
        new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2020-08-27",
            ["type"] = "checkout.session.completed",
            ["created"] = created,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = "cs_test_" + Guid.NewGuid().ToString("N")[..12],
                    ["object"] = "checkout.session",
                    ["mode"] = "subscription",
                    ["status"] = "complete",
                    ["payment_status"] = "paid",
                    ["customer"] = customer,
                    ["subscription"] = subscription,
                    ["client_reference_id"] = organizationId,
                    ["metadata"] = new JsonObject { ["organizationId"] = organizationId, ["plan"] = plan },
                },
            },
        }.ToJsonString();

    /// <summary>A <c>customer.subscription.*</c> event; <paramref name="periodEnd"/> sits on the item, as API versions since 2025 put it.</summary>
    protected static string SubscriptionEvent(
        string eventId, string type, long created, string customer, string subscription, string status, string price = ProPrice,
        long? periodEnd = null, bool cancelAtPeriodEnd = false, string? organizationId = null) =>
        new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2025-09-30.clover",
            ["type"] = type,
            ["created"] = created,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = subscription,
                    ["object"] = "subscription",
                    ["customer"] = customer,
                    ["status"] = status,
                    ["cancel_at_period_end"] = cancelAtPeriodEnd,
                    ["metadata"] = organizationId is null ? new JsonObject() : new JsonObject { ["organizationId"] = organizationId },
                    ["items"] = new JsonObject
                    {
                        ["object"] = "list",
                        ["data"] = new JsonArray(new JsonObject
                        {
                            ["id"] = "si_" + Guid.NewGuid().ToString("N")[..12],
                            ["price"] = new JsonObject { ["id"] = price, ["object"] = "price" },
                            ["current_period_end"] = periodEnd,
                        }),
                    },
                },
            },
        }.ToJsonString();

    protected static string StripeSignature(string body, long timestamp, string secret = StripeWebhookSecret)
    {
        var signed = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(signed)}";
    }

    protected Task<HttpResponseMessage> PostStripeAsync(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, StripeWebhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Signed now (by the test clock), as Stripe sends it; asserts the 200 and returns what became of the event.</summary>
    protected async Task<string> SendStripeAsync(string body)
    {
        var response = await PostStripeAsync(body, StripeSignature(body, Now));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(response))["outcome"]!;
    }

    // ---- Razorpay events ----

    protected static string RazorpayEvent(string type, long created, string subscription, string status, string plan = RazorpayProPlan, string? organizationId = null, long? currentEnd = null) =>
        new JsonObject
        {
            ["entity"] = "event",
            ["account_id"] = "acc_test",
            ["event"] = type,
            ["contains"] = new JsonArray("subscription"),
            ["payload"] = new JsonObject
            {
                ["subscription"] = new JsonObject
                {
                    ["entity"] = new JsonObject
                    {
                        ["id"] = subscription,
                        ["entity"] = "subscription",
                        ["plan_id"] = plan,
                        ["customer_id"] = "cust_test",
                        ["status"] = status,
                        ["current_end"] = currentEnd,
                        ["notes"] = organizationId is null ? new JsonArray() : new JsonObject { ["organizationId"] = organizationId },
                    },
                },
            },
            ["created_at"] = created,
        }.ToJsonString();

    protected static string RazorpaySignatureOf(string body, string secret = RazorpayWebhookSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    protected Task<HttpResponseMessage> PostRazorpayAsync(string body, string? signature, string? eventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, RazorpayWebhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Razorpay-Signature", signature);
        }

        if (eventId is not null)
        {
            request.Headers.TryAddWithoutValidation("x-razorpay-event-id", eventId);
        }

        return Client.SendAsync(request);
    }

    protected async Task<string> SendRazorpayAsync(string body, string? eventId = null)
    {
        var response = await PostRazorpayAsync(body, RazorpaySignatureOf(body), eventId ?? NewEventId("rzp_evt"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(response))["outcome"]!;
    }
}
