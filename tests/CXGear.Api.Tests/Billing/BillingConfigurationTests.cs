using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Billing;

/// <summary>A payment provider is set up whole or not at all: half a setup stops the start, naming what is missing.</summary>
public sealed class BillingConfigurationTests
{
    [Test]
    public void A_stripe_key_without_a_webhook_secret_or_prices_refuses_to_start()
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Billing:Stripe:SecretKey"] = "sk_test_1";

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("Billing:Stripe:WebhookSecret").And.Contain("Billing:Stripe:Prices:Pro").And.Contain("Billing:Stripe:Prices:Advanced"));
    }

    [Test]
    public void A_razorpay_key_id_without_its_secret_or_a_relative_api_base_refuses_to_start()
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Billing:Razorpay:KeyId"] = "rzp_test_1";
        factory.Settings["Billing:Razorpay:ApiBase"] = "razorpay.local";

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("Billing:Razorpay:KeySecret").And.Contain("Billing:Razorpay:ApiBase"));
    }
}
