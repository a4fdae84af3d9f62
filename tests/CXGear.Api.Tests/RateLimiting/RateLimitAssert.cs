using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace CXGear.Api.Tests.RateLimiting;

/// <summary>Reads the RateLimit headers as a client would.</summary>
internal static class RateLimitAssert
{
    public static bool IsLimited(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>Parses <c>RateLimit: limit=5, remaining=4, reset=60</c> after checking <c>RateLimit-Policy: 5;w=60</c>.</summary>
    public static (int Limit, int Remaining, int Reset) Header(HttpResponseMessage response, int expectedLimit)
    {
        Assert.That(response.Headers.TryGetValues("RateLimit-Policy", out var policy), Is.True, "RateLimit-Policy header");
        Assert.That(policy!.Single(), Is.EqualTo($"{expectedLimit};w=60"));
        Assert.That(response.Headers.TryGetValues("RateLimit", out var values), Is.True, "RateLimit header");
        var fields = values!.Single().Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('='))
            .ToDictionary(kv => kv[0], kv => int.Parse(kv[1], CultureInfo.InvariantCulture));
        Assert.That(fields.Keys, Is.EquivalentTo(new[] { "limit", "remaining", "reset" }));
        Assert.That(fields["limit"], Is.EqualTo(expectedLimit));
        Assert.That(fields["reset"], Is.InRange(1, 60));
        return (fields["limit"], fields["remaining"], fields["reset"]);
    }

    public static void NoHeaders(HttpResponseMessage response)
    {
        Assert.That(response.Headers.Contains("RateLimit"), Is.False);
        Assert.That(response.Headers.Contains("RateLimit-Policy"), Is.False);
    }

    /// <summary>429 RATE_LIMITED problem, Retry-After 1–60 s equal to the header's reset, remaining 0.</summary>
    public static async Task<JsonNode> RejectedAsync(HttpResponseMessage response, int expectedLimit)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var body = JsonNode.Parse(text)!;
        Assert.That((string?)body["errorCode"], Is.EqualTo("RATE_LIMITED"));
        Assert.That((string?)body["message"], Is.EqualTo((string?)body["detail"]).And.Not.Empty);
        Assert.That((string?)body["traceId"], Is.Not.Empty);
        Assert.That((int?)body["status"], Is.EqualTo(429));

        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.That(retryAfter, Is.Not.Null, "Retry-After in seconds");
        Assert.That(retryAfter!.Value.TotalSeconds, Is.InRange(1, 60));
        var (_, remaining, reset) = Header(response, expectedLimit);
        Assert.That(remaining, Is.Zero);
        Assert.That(reset, Is.EqualTo((int)retryAfter.Value.TotalSeconds));
        return body;
    }
}
