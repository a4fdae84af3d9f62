using CXGear.Application.Billing.Common;
using CXGear.Domain.Billing;
using Microsoft.Extensions.Options;
using Stripe;

namespace CXGear.Infrastructure.Billing;

/// <summary>
/// Stripe through Stripe.net: a <see cref="StripeClient"/> per call on an HttpClient from the factory (pooled
/// handlers, our timeout) and <c>Billing:Stripe:ApiBase</c>. Stripe.net retries network failures and 409/5xx itself,
/// with idempotency keys on POSTs, so no other retry layer sits under it.
/// </summary>
internal sealed class StripeBilling(IHttpClientFactory httpClients, IOptions<StripeBillingOptions> options) : IStripeBilling
{
    public const string HttpClientName = "stripe";

    /// <summary>Stripe's own tolerance for webhook timestamps, the contract's five minutes.</summary>
    public const long WebhookToleranceSeconds = 300;

    private const int MaxNetworkRetries = 2;

    public async Task<string> CreateCustomerAsync(Guid organizationId, string organizationName, string? email, CancellationToken cancellationToken)
    {
        var customer = await CallAsync(client => new CustomerService(client).CreateAsync(
            new CustomerCreateOptions
            {
                Name = organizationName,
                Email = email,
                Metadata = new Dictionary<string, string> { ["organizationId"] = organizationId.ToString() },
            },
            // Two checkouts racing, or one retried after its save lost, get the same customer back (for 24 hours).
            new RequestOptions { IdempotencyKey = $"cxgear-customer-{organizationId}" },
            cancellationToken), cancellationToken);
        return customer.Id;
    }

    public async Task<StripeCheckout> CreateCheckoutAsync(StripeCheckoutRequest request, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { ["organizationId"] = request.OrganizationId.ToString(), ["plan"] = request.Plan };
        var session = await CallAsync(client => new Stripe.Checkout.SessionService(client).CreateAsync(
            new Stripe.Checkout.SessionCreateOptions
            {
                Mode = "subscription",
                Customer = request.CustomerId,
                ClientReferenceId = request.OrganizationId.ToString(),
                LineItems = [new Stripe.Checkout.SessionLineItemOptions { Price = request.PriceId, Quantity = 1 }],
                SuccessUrl = request.SuccessUrl,
                CancelUrl = request.CancelUrl,
                Metadata = metadata,
                SubscriptionData = new Stripe.Checkout.SessionSubscriptionDataOptions { Metadata = new Dictionary<string, string>(metadata) },
            },
            requestOptions: null,
            cancellationToken), cancellationToken);
        return new StripeCheckout(
            session.Id,
            session.Url ?? throw new BillingProviderException(BillingProviders.Stripe, 200, "Stripe returned a Checkout Session without a URL."));
    }

    public async Task<bool> CloseCheckoutAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await CallAsync(client => new Stripe.Checkout.SessionService(client).GetAsync(sessionId, options: null, requestOptions: null, cancellationToken), cancellationToken);
        switch (session.Status)
        {
            case "complete":
                return false;
            case "open":
                // Expiring a session that was paid a moment ago fails at Stripe: it is then reported as paid.
                try
                {
                    await CallAsync(client => new Stripe.Checkout.SessionService(client).ExpireAsync(sessionId, options: null, requestOptions: null, cancellationToken), cancellationToken);
                    return true;
                }
                catch (BillingProviderException error) when (error.Status is >= 400 and < 500)
                {
                    return false;
                }

            default:
                return true;
        }
    }

    public async Task<string> CreatePortalAsync(string customerId, string returnUrl, CancellationToken cancellationToken)
    {
        var session = await CallAsync(client => new Stripe.BillingPortal.SessionService(client).CreateAsync(
            new Stripe.BillingPortal.SessionCreateOptions { Customer = customerId, ReturnUrl = returnUrl },
            requestOptions: null,
            cancellationToken), cancellationToken);
        return session.Url;
    }

    public bool IsSignedWebhook(string body, string? signatureHeader, DateTimeOffset now)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signatureHeader))
        {
            return false;
        }

        try
        {
            // Our clock, not the machine's: the tolerance is checked against the application's TimeProvider.
            EventUtility.ValidateSignature(body, signatureHeader, secret, WebhookToleranceSeconds, now.ToUnixTimeSeconds());
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }

    private async Task<T> CallAsync<T>(Func<StripeClient, Task<T>> call, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.SecretKey,
            ApiBase = settings.ApiBase.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName), MaxNetworkRetries),
        });
        try
        {
            return await call(client);
        }
        catch (StripeException error)
        {
            // Stripe's message names the parameter at fault, never the key.
            throw new BillingProviderException(BillingProviders.Stripe, (int)error.HttpStatusCode, error.StripeError?.Message ?? error.Message);
        }
        catch (HttpRequestException error)
        {
            throw new BillingProviderException(BillingProviders.Stripe, null, $"No response from Stripe ({error.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The HttpClient's timeout, not the caller going away.
            throw new BillingProviderException(BillingProviders.Stripe, null, "No response from Stripe within the time limit.");
        }
    }
}
