using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;

namespace CXGear.Api.Tests.Billing;

/// <summary>
/// <c>GET /billing/plans</c>, <c>PUT /billing/profile</c>, <c>POST /billing/checkout</c> and <c>POST /billing/portal</c>
/// against fake Stripe and Razorpay APIs: what is sent to each provider, and what the caller gets back.
/// </summary>
public sealed class SelfServeCheckoutTests : BillingTestBase
{
    [Test]
    public async Task Plans_list_limits_and_prices_per_provider_with_enterprise_as_contact_us()
    {
        var admin = await SignUpAsync();

        var response = await GetAsync("/api/v1/billing/plans", admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        Assert.That(((string?)body["plan"], (string?)body["provider"]), Is.EqualTo(("trial", "stripe")), "no country on file: international");
        var plans = body["plans"]!.AsArray().ToDictionary(p => (string)p!["plan"]!, p => p!);
        Assert.That(plans.Keys, Is.EqualTo(new[] { "trial", "pro", "advanced", "enterprise" }));
        Assert.That(plans.Values.Select(p => (string?)p["purchase"]), Is.EqualTo(new[] { "none", "checkout", "checkout", "contact_us" }));
        Assert.That(plans["enterprise"]["prices"]!.AsArray(), Is.Empty);
        Assert.That((bool)plans["enterprise"]["checkoutAvailable"]!, Is.False);
        var pro = plans["pro"]["prices"]!.AsArray().Select(p => ((string?)p!["provider"], (string?)p["currency"], (decimal?)p["amount"], (string?)p["interval"]));
        Assert.That(pro, Is.EqualTo(new[] { ("stripe", "usd", (decimal?)49m, "month"), ("razorpay", "inr", (decimal?)3999m, "month") }));
        Assert.That((decimal?)plans["advanced"]["prices"]![1]!["amount"], Is.Null, "no INR amount configured for Advanced");
        var projects = plans["pro"]["limits"]!.AsArray().Single(l => (string?)l!["meter"] == "projects")!;
        Assert.That((long?)projects["limit"], Is.EqualTo(10));
        Assert.That(plans["enterprise"]["limits"]!.AsArray().All(l => l!["limit"] is null), "unlimited");
    }

    [Test]
    public async Task Stripe_checkout_creates_one_customer_per_organization_and_a_subscription_session_with_the_price_and_web_app_urls()
    {
        var admin = await SignUpAsync();
        await SetCountryAsync(admin.AccessToken, "de", "billing@acme.test");

        var first = await CheckoutAsync(admin.AccessToken, "advanced");
        var second = await CheckoutAsync(admin.AccessToken, "pro");

        Assert.That((string?)first["provider"], Is.EqualTo("stripe"));
        Assert.That((string?)first["url"], Does.StartWith("https://checkout.stripe.test/c/pay/cs_test_"));
        var customers = Providers.Requests.Where(r => r.Path == "/stripe/v1/customers" && r.Form.GetValueOrDefault("metadata[organizationId]") == admin.OrganizationId).ToArray();
        Assert.That(customers, Has.Length.EqualTo(1), "the customer is created once and kept");
        Assert.That(customers[0].Authorization, Is.EqualTo("Bearer " + StripeSecretKey));
        Assert.That(customers[0].IdempotencyKey, Is.EqualTo($"cxgear-customer-{admin.OrganizationId}"));
        Assert.That(customers[0].Form["email"], Is.EqualTo("billing@acme.test"));
        var sessions = Providers.To("/stripe/v1/checkout/sessions").Where(r => r.Form.GetValueOrDefault("client_reference_id") == admin.OrganizationId).ToArray();
        Assert.That(sessions, Has.Length.EqualTo(2));
        var session = sessions[0].Form;
        Assert.Multiple(() =>
        {
            Assert.That(session["mode"], Is.EqualTo("subscription"));
            Assert.That(session["customer"], Does.StartWith("cus_"));
            Assert.That(sessions[1].Form["customer"], Is.EqualTo(session["customer"]));
            Assert.That(session["line_items[0][price]"], Is.EqualTo(AdvancedPrice));
            Assert.That(sessions[1].Form["line_items[0][price]"], Is.EqualTo(ProPrice));
            Assert.That(session["line_items[0][quantity]"], Is.EqualTo("1"));
            Assert.That(session["success_url"], Is.EqualTo(BillingPage + "?checkout=success"));
            Assert.That(session["cancel_url"], Is.EqualTo(BillingPage + "?checkout=cancelled"));
            Assert.That(session["metadata[organizationId]"], Is.EqualTo(admin.OrganizationId));
            Assert.That(session["metadata[plan]"], Is.EqualTo("advanced"));
            Assert.That(session["subscription_data[metadata][organizationId]"], Is.EqualTo(admin.OrganizationId));
        });
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("trial"), "the plan moves only when the payment's webhook arrives");
    }

    [Test]
    public async Task Razorpay_checkout_for_india_creates_a_subscription_on_the_configured_plan_and_returns_its_short_url()
    {
        var admin = await SignUpAsync();
        await SetCountryAsync(admin.AccessToken, "IN");

        var checkout = await CheckoutAsync(admin.AccessToken, "pro");
        var again = await CheckoutAsync(admin.AccessToken, "pro");

        Assert.That((string?)checkout["provider"], Is.EqualTo("razorpay"));
        Assert.That((string?)checkout["url"], Does.StartWith("https://rzp.test/i/sub_"));
        Assert.That((string?)again["url"], Is.EqualTo((string?)checkout["url"]), "the unpaid subscription's page is reused");
        var created = Providers.To("/razorpay/v1/subscriptions").Where(r => JsonNode.Parse(r.Body)!["notes"]!["organizationId"]!.GetValue<string>() == admin.OrganizationId).ToArray();
        Assert.That(created, Has.Length.EqualTo(1));
        Assert.That(created[0].Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RazorpayKeyId}:{RazorpayKeySecret}"))));
        var body = JsonNode.Parse(created[0].Body)!;
        Assert.That(((string?)body["plan_id"], (int?)body["total_count"], (string?)body["notes"]!["plan"]), Is.EqualTo((RazorpayProPlan, (int?)120, "pro")));
        Assert.That((string?)(await BillingAsync(admin.AccessToken))["subscription"]!["status"], Is.EqualTo("created"));
    }

    [Test]
    public async Task A_razorpay_checkout_for_another_plan_cancels_the_unpaid_subscription_first()
    {
        var admin = await SignUpAsync();
        var pro = await RazorpaySubscriptionAsync(admin.AccessToken, "pro");

        var advanced = (string)(await CheckoutAsync(admin.AccessToken, "advanced"))["url"]!;

        Assert.That(Providers.To($"/razorpay/v1/subscriptions/{pro}/cancel"), Has.Length.EqualTo(1));
        Assert.That(advanced, Does.Not.EndWith(pro));
    }

    [TestCase("enterprise", "contact us")]
    [TestCase("trial", "free plan")]
    [TestCase("platinum", "pro or advanced")]
    [TestCase(null, "pro or advanced")]
    public async Task Checkout_takes_pro_or_advanced_only(string? plan, string message)
    {
        var admin = await SignUpAsync();
        var before = Providers.Requests.Count;

        var body = await AssertProblemAsync(await PostAsync("/api/v1/billing/checkout", new { plan }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["plan"]![0]!.GetValue<string>(), Does.Contain(message));
        Assert.That(Providers.Requests, Has.Count.EqualTo(before), "no provider is asked");
    }

    [TestCase("XX")]
    [TestCase("USA")]
    [TestCase("1N")]
    public async Task The_profile_takes_iso_country_codes_only(string country)
    {
        var admin = await SignUpAsync();

        var body = await AssertProblemAsync(
            await SendAsync(HttpMethod.Put, "/api/v1/billing/profile", new { country }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["country"], Is.Not.Null);
    }

    [Test]
    public async Task The_profile_sets_the_provider_and_shows_in_billing()
    {
        var admin = await SignUpAsync();

        var response = await SendAsync(HttpMethod.Put, "/api/v1/billing/profile", new { country = "in", billingEmail = "ap@acme.test" }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var profile = (await BillingAsync(admin.AccessToken))["profile"]!;
        Assert.That(((string?)profile["country"], (string?)profile["billingEmail"], (string?)profile["provider"]), Is.EqualTo(("IN", "ap@acme.test", "razorpay")));
        Assert.That((string?)(await JsonAsync(await GetAsync("/api/v1/billing/plans", admin.AccessToken)))["provider"], Is.EqualTo("razorpay"));
    }

    [Test]
    public async Task Every_billing_route_needs_billing_read()
    {
        var admin = await SignUpAsync();
        var email = UniqueEmail("agent");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password, SystemRoles.AgentId);
        var agent = await LoginAsync(email);

        var responses = new[]
        {
            await GetAsync("/api/v1/billing/plans", agent.AccessToken),
            await SendAsync(HttpMethod.Put, "/api/v1/billing/profile", new { country = "US" }, agent.AccessToken),
            await PostAsync("/api/v1/billing/checkout", new { plan = "pro" }, agent.AccessToken),
            await PostAsync("/api/v1/billing/portal", token: agent.AccessToken),
        };

        foreach (var response in responses)
        {
            var body = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.That((string?)body["permission"], Is.EqualTo("billing.read"));
        }
    }

    [Test]
    public async Task The_portal_is_a_stripe_session_for_the_customer_returning_to_billing_or_409_before_any_checkout()
    {
        var admin = await SignUpAsync();
        await AssertProblemAsync(await PostAsync("/api/v1/billing/portal", token: admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        var customer = await StripeCustomerAsync(admin.AccessToken);

        var response = await PostAsync("/api/v1/billing/portal", token: admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((string?)(await JsonAsync(response))["url"], Does.StartWith("https://billing.stripe.test/p/session/"));
        var portal = Providers.To("/stripe/v1/billing_portal/sessions").Last().Form;
        Assert.That((portal["customer"], portal["return_url"]), Is.EqualTo((customer, BillingPage)));
    }

    [Test]
    public async Task The_portal_of_a_razorpay_subscription_is_its_page()
    {
        var admin = await SignUpAsync();
        var subscription = await RazorpaySubscriptionAsync(admin.AccessToken);

        var response = await PostAsync("/api/v1/billing/portal", token: admin.AccessToken);

        Assert.That((string?)(await JsonAsync(response))["url"], Is.EqualTo("https://rzp.test/i/" + subscription));
    }

    [Test]
    public async Task A_new_stripe_checkout_expires_the_earlier_open_session_so_two_tabs_cannot_both_be_paid()
    {
        var admin = await SignUpAsync();
        var first = SessionId(await CheckoutAsync(admin.AccessToken, "pro"));

        var second = SessionId(await CheckoutAsync(admin.AccessToken, "advanced"));

        Assert.That(Providers.CheckoutStatuses[first], Is.EqualTo("expired"));
        Assert.That(Providers.CheckoutStatuses[second], Is.EqualTo("open"));
        Assert.That(Providers.To($"/stripe/v1/checkout/sessions/{first}/expire"), Has.Length.EqualTo(1));

        // A session that expired on its own (Stripe's 24 hours) is left as it is.
        Providers.CheckoutStatuses[second] = "expired";
        var third = SessionId(await CheckoutAsync(admin.AccessToken, "pro"));
        Assert.That(Providers.To($"/stripe/v1/checkout/sessions/{second}/expire"), Is.Empty);
        Assert.That(Providers.CheckoutStatuses[third], Is.EqualTo("open"));
    }

    [Test]
    public async Task A_checkout_while_the_earlier_one_was_just_paid_is_409_until_stripe_confirms_it()
    {
        var admin = await SignUpAsync();
        var paid = SessionId(await CheckoutAsync(admin.AccessToken, "pro"));
        Providers.CheckoutStatuses[paid] = "complete";

        var body = await AssertProblemAsync(await PostAsync("/api/v1/billing/checkout", new { plan = "advanced" }, admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");

        Assert.That((string?)body["message"], Does.Contain("just paid"));
        Assert.That(Providers.To("/stripe/v1/checkout/sessions").Count(r => r.Form.GetValueOrDefault("client_reference_id") == admin.OrganizationId), Is.EqualTo(1), "no second session");
    }

    private static string SessionId(JsonNode checkout) => ((string)checkout["url"]!).Split('/')[^1];

    [Test]
    public async Task A_live_subscription_refuses_another_checkout()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        await SendStripeAsync(CheckoutCompleted(NewEventId(), Now, customer, "sub_live_" + Guid.NewGuid().ToString("N")[..8], admin.OrganizationId));

        var body = await AssertProblemAsync(await PostAsync("/api/v1/billing/checkout", new { plan = "advanced" }, admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");

        Assert.That((string?)body["message"], Does.Contain("/billing/portal"));
    }

    [Test]
    public async Task A_provider_that_fails_is_502_provider_error_and_nothing_is_kept()
    {
        var admin = await SignUpAsync();
        Providers.Failures.Enqueue((400, """{"error":{"message":"No such price: 'price_pro_monthly'","type":"invalid_request_error"}}"""));

        var body = await AssertProblemAsync(await PostAsync("/api/v1/billing/checkout", new { plan = "pro" }, admin.AccessToken), HttpStatusCode.BadGateway, "PROVIDER_ERROR");

        Assert.That((string?)body["message"], Does.Not.Contain("price_pro_monthly"), "the provider's text stays in our logs");
        Assert.That((await BillingAsync(admin.AccessToken))["subscription"], Is.Null);
    }
}

/// <summary>A deployment with no payment provider set up: checkout says so instead of failing at the provider.</summary>
public sealed class UnconfiguredCheckoutTests : ApiTestBase
{
    [Test]
    public async Task Checkout_without_the_provider_set_up_is_409_naming_the_missing_section()
    {
        var admin = await SignUpAsync();

        var body = await AssertProblemAsync(await PostAsync("/api/v1/billing/checkout", new { plan = "pro" }, admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");

        Assert.That((string?)body["message"], Does.Contain("Billing:Stripe"));
        var plans = await JsonAsync(await GetAsync("/api/v1/billing/plans", admin.AccessToken));
        Assert.That(plans["plans"]!.AsArray().All(p => p!["prices"]!.AsArray().Count == 0 && !(bool)p["checkoutAvailable"]!));
    }
}
