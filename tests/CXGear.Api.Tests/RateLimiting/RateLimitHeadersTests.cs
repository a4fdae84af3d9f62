using CXGear.Api.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace CXGear.Api.Tests.RateLimiting;

public sealed class RateLimitHeadersTests
{
    [Test]
    public void Policy_names_the_limit_and_window_in_seconds()
    {
        Assert.That(RateLimitHeaders.FormatPolicy(600, TimeSpan.FromMinutes(1)), Is.EqualTo("600;w=60"));
        Assert.That(RateLimitHeaders.FormatPolicy(20, TimeSpan.FromSeconds(90)), Is.EqualTo("20;w=90"));
    }

    [Test]
    public void Current_names_limit_remaining_and_reset()
    {
        Assert.That(RateLimitHeaders.FormatCurrent(new RateLimitStatus(600, 599, 42)), Is.EqualTo("limit=600, remaining=599, reset=42"));
        Assert.That(RateLimitHeaders.FormatCurrent(new RateLimitStatus(5, -3, 1)), Is.EqualTo("limit=5, remaining=0, reset=1"));
    }

    [Test]
    public void Write_sets_both_headers_with_the_one_minute_window()
    {
        var headers = new HeaderDictionary();

        RateLimitHeaders.Write(headers, new RateLimitStatus(20, 3, 17));

        Assert.That(headers["RateLimit-Policy"].ToString(), Is.EqualTo("20;w=60"));
        Assert.That(headers["RateLimit"].ToString(), Is.EqualTo("limit=20, remaining=3, reset=17"));
    }

    [TestCase(0.0, 1)]
    [TestCase(-5.0, 1)]
    [TestCase(0.2, 1)]
    [TestCase(1.0, 1)]
    [TestCase(59.01, 60)]
    [TestCase(60.0, 60)]
    public void Seconds_until_round_up_and_are_at_least_one(double seconds, int expected) =>
        Assert.That(RateLimitStatus.SecondsUntil(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));
}
