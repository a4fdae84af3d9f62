using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CXGear.Api.Tests.Billing;

/// <summary>
/// Stripe's and Razorpay's APIs as far as checkout uses them, on one real Kestrel port: Stripe under <c>/stripe</c>
/// (customers, Checkout Sessions, portal sessions; form-encoded), Razorpay under <c>/razorpay</c> (subscriptions and
/// their cancel; JSON). Every request is kept for assertions. Started while a fixture configures its host, stopped at
/// the fixture's end.
/// </summary>
internal sealed class FakeBillingProviders
{
    private readonly WebApplication _app;
    private int _ids;

    private FakeBillingProviders(WebApplication app) => _app = app;

    public string StripeBase => $"{_app.Urls.First()}/stripe";

    public string RazorpayBase => $"{_app.Urls.First()}/razorpay";

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Each Checkout Session's status (<c>open</c>, <c>complete</c>, <c>expired</c>); a test pays one by setting it.</summary>
    public ConcurrentDictionary<string, string> CheckoutStatuses { get; } = new(StringComparer.Ordinal);

    /// <summary>Scripted answers (status, body) used before the default success, for the next requests in order.</summary>
    public ConcurrentQueue<(int Status, string Body)> Failures { get; } = new();

    public sealed record Received(string Method, string Path, string? Authorization, string? IdempotencyKey, string Body, IReadOnlyDictionary<string, string> Form);

    public static async Task<FakeBillingProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBillingProviders(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public Received[] To(string path) => Requests.Where(r => r.Path == path).ToArray();

    private string NewId(string prefix) => $"{prefix}_{Interlocked.Increment(ref _ids):D4}{Guid.NewGuid():N}"[..(prefix.Length + 21)];

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = context.Request;
        var form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();
        var path = request.Path.Value ?? string.Empty;
        Requests.Enqueue(new Received(request.Method, path, request.Headers.Authorization.FirstOrDefault(), request.Headers["Idempotency-Key"].FirstOrDefault(), body, form));
        if (Failures.TryDequeue(out var failure))
        {
            await Results.Text(failure.Body, "application/json", statusCode: failure.Status).ExecuteAsync(context);
            return;
        }

        var segments = path.Trim('/').Split('/');
        var result = segments switch
        {
            ["stripe", "v1", "customers"] => Results.Json(new JsonObject { ["id"] = NewId("cus"), ["object"] = "customer", ["email"] = form.GetValueOrDefault("email") }),
            ["stripe", "v1", "checkout", "sessions"] => Results.Json(CheckoutSession(form)),
            ["stripe", "v1", "checkout", "sessions", var id] => KnownSession(id, CheckoutStatuses.GetValueOrDefault(id)),
            ["stripe", "v1", "checkout", "sessions", var id, "expire"] => ExpireSession(id),
            ["stripe", "v1", "billing_portal", "sessions"] => Results.Json(new JsonObject
            {
                ["id"] = NewId("bps"), ["object"] = "billing_portal.session", ["customer"] = form.GetValueOrDefault("customer"),
                ["return_url"] = form.GetValueOrDefault("return_url"), ["url"] = "https://billing.stripe.test/p/session/" + NewId("test"),
            }),
            ["razorpay", "v1", "subscriptions"] => Subscription(JsonNode.Parse(body)!),
            ["razorpay", "v1", "subscriptions", var id, "cancel"] => Results.Json(new JsonObject { ["id"] = id, ["entity"] = "subscription", ["status"] = "cancelled" }),
            _ => Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = "Unknown path", ["type"] = "invalid_request_error" } }, statusCode: 404),
        };
        await result.ExecuteAsync(context);
    }

    private static IResult KnownSession(string id, string? status) => status is null
        ? Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = "No such checkout.session", ["type"] = "invalid_request_error" } }, statusCode: 404)
        : Results.Json(new JsonObject { ["id"] = id, ["object"] = "checkout.session", ["status"] = status });

    /// <summary>As Stripe: only an open session can be expired.</summary>
    private IResult ExpireSession(string id)
    {
        if (!CheckoutStatuses.TryUpdate(id, "expired", "open"))
        {
            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = "Only open sessions can be expired.", ["type"] = "invalid_request_error" } }, statusCode: 400);
        }

        return KnownSession(id, "expired");
    }

    private JsonObject CheckoutSession(Dictionary<string, string> form)
    {
        var id = NewId("cs_test");
        CheckoutStatuses[id] = "open";
        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = form.GetValueOrDefault("mode"),
            ["customer"] = form.GetValueOrDefault("customer"),
            ["status"] = "open",
            ["url"] = "https://checkout.stripe.test/c/pay/" + id,
        };
    }

    private IResult Subscription(JsonNode body)
    {
        var id = NewId("sub");
        return Results.Json(new JsonObject
        {
            ["id"] = id,
            ["entity"] = "subscription",
            ["plan_id"] = (string?)body["plan_id"],
            ["status"] = "created",
            ["total_count"] = (int?)body["total_count"],
            ["notes"] = body["notes"]?.DeepClone(),
            ["short_url"] = "https://rzp.test/i/" + id,
        });
    }
}
