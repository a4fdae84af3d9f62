using System.Net;
using CXGear.Client.Http;

namespace CXGear.Client.Tests;

public sealed class ResilienceHandlerTests
{
    private const string InProgress = """{"errorCode":"IDEMPOTENCY_IN_PROGRESS","message":"still running"}""";

    private readonly List<TimeSpan> _waits = [];

    [SetUp]
    public void ForgetWaits() => _waits.Clear();

    private RetryOptions Options(int maxAttempts = 5) => new()
    {
        MaxAttempts = maxAttempts,
        Delay = (wait, _) =>
        {
            _waits.Add(wait);
            return Task.CompletedTask;
        },
        Random = () => 0.5,
    };

    private static HttpRequestMessage Post(string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://api.test/api/v1/public/ingest") { Content = new StringContent("""{"records":[]}""") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    private async Task<(HttpResponseMessage Response, FakeHandler Fake)> SendAsync(HttpRequestMessage request, RetryOptions options, params Func<HttpRequestMessage, HttpResponseMessage>[] script)
    {
        var fake = new FakeHandler(script);
        using var invoker = new HttpMessageInvoker(new ResilienceHandler(options, fake));
        return (await invoker.SendAsync(request, CancellationToken.None), fake);
    }

    [Test]
    public async Task A_429_with_retry_after_is_waited_out_and_resent_with_the_same_idempotency_key_and_body()
    {
        var (response, fake) = await SendAsync(Post(), Options(),
            FakeHandler.Always(HttpStatusCode.TooManyRequests, """{"errorCode":"RATE_LIMITED"}""", TimeSpan.FromSeconds(3)),
            FakeHandler.Always(HttpStatusCode.OK));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fake.Seen, Has.Count.EqualTo(2));
        Assert.That(fake.Seen[0].IdempotencyKey, Is.Not.Null.And.Length.EqualTo(32), "a key was added to the POST");
        Assert.That(fake.Seen[1].IdempotencyKey, Is.EqualTo(fake.Seen[0].IdempotencyKey), "the retry carries the same key");
        Assert.That(fake.Seen[1].Body, Is.EqualTo(fake.Seen[0].Body));
        Assert.That(_waits.Single(), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(4)), "Retry-After plus bounded jitter");
    }

    [Test]
    public async Task The_callers_key_is_kept_as_it_is()
    {
        var (_, fake) = await SendAsync(Post("batch-7"), Options(),
            FakeHandler.Always(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(1)), FakeHandler.Always(HttpStatusCode.OK));

        Assert.That(fake.Seen.Select(s => s.IdempotencyKey), Is.EqualTo(new[] { "batch-7", "batch-7" }));
    }

    [Test]
    public async Task It_gives_up_after_the_maximum_attempts_and_returns_the_last_response()
    {
        var (response, fake) = await SendAsync(Post(), Options(maxAttempts: 3),
            FakeHandler.Always(HttpStatusCode.TooManyRequests, """{"errorCode":"RATE_LIMITED"}""", TimeSpan.FromSeconds(1)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(fake.Seen, Has.Count.EqualTo(3));
        Assert.That(_waits, Has.Count.EqualTo(2));
        Assert.That(fake.Seen.Select(s => s.IdempotencyKey).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Without_retry_after_it_backs_off_exponentially_with_jitter()
    {
        await SendAsync(Post(), Options(maxAttempts: 4), FakeHandler.Always(HttpStatusCode.ServiceUnavailable));

        // Base 250 ms doubling; with the jitter source at 0.5, each wait is 3/4 of its ceiling.
        Assert.That(_waits, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(187.5), TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(750) }));
    }

    [Test]
    public async Task A_retry_after_beyond_the_limit_is_not_waited_out()
    {
        var (response, fake) = await SendAsync(Post(), Options() with { MaxRetryAfter = TimeSpan.FromSeconds(30) },
            FakeHandler.Always(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromMinutes(5)));

        Assert.That((response.StatusCode, fake.Seen.Count, _waits.Count), Is.EqualTo((HttpStatusCode.TooManyRequests, 1, 0)));
    }

    [Test]
    public async Task Client_errors_are_final()
    {
        var (response, fake) = await SendAsync(Post("k"), Options(), FakeHandler.Always(HttpStatusCode.BadRequest, """{"errorCode":"VALIDATION_ERROR"}"""));

        Assert.That((response.StatusCode, fake.Seen.Count), Is.EqualTo((HttpStatusCode.BadRequest, 1)));
    }

    [Test]
    public async Task An_idempotency_key_still_in_progress_is_retried_only_when_the_caller_chose_the_key()
    {
        var (withKey, keyed) = await SendAsync(Post("batch-1"), Options(), FakeHandler.Always(HttpStatusCode.Conflict, InProgress), FakeHandler.Always(HttpStatusCode.OK));
        var (withoutKey, unkeyed) = await SendAsync(Post(), Options(), FakeHandler.Always(HttpStatusCode.Conflict, InProgress), FakeHandler.Always(HttpStatusCode.OK));
        var (otherConflict, other) = await SendAsync(Post("batch-2"), Options(), FakeHandler.Always(HttpStatusCode.Conflict, """{"errorCode":"CONFLICT"}"""));

        Assert.That((withKey.StatusCode, keyed.Seen.Count), Is.EqualTo((HttpStatusCode.OK, 2)));
        Assert.That((withoutKey.StatusCode, unkeyed.Seen.Count), Is.EqualTo((HttpStatusCode.Conflict, 1)));
        Assert.That((otherConflict.StatusCode, other.Seen.Count), Is.EqualTo((HttpStatusCode.Conflict, 1)));
        Assert.That(await otherConflict.Content.ReadAsStringAsync(), Does.Contain("CONFLICT"), "the body is still readable after the handler looked at it");
    }

    [Test]
    public async Task A_transport_failure_is_resent_for_a_get_or_a_keyed_post_but_not_for_a_plain_post()
    {
        var failure = FakeHandler.Throws(new HttpRequestException("connection reset"));
        var (get, gets) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://api.test/api/v1/public/jobs/1"), Options(), failure, FakeHandler.Always(HttpStatusCode.OK));
        var (keyed, keyedSeen) = await SendAsync(Post("batch-3"), Options(), failure, FakeHandler.Always(HttpStatusCode.OK));

        Assert.That((get.StatusCode, gets.Seen.Count), Is.EqualTo((HttpStatusCode.OK, 2)));
        Assert.That((keyed.StatusCode, keyedSeen.Seen.Count), Is.EqualTo((HttpStatusCode.OK, 2)));
        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(Post(), Options(), failure, FakeHandler.Always(HttpStatusCode.OK)));
    }

    [Test]
    public async Task A_capture_reports_the_attempts_and_a_replayed_answer()
    {
        using var capture = ResponseCapture.Begin();
        await SendAsync(Post("k"), Options(),
            FakeHandler.Always(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1)),
            _ => FakeHandler.Status(HttpStatusCode.OK, replayed: true));

        Assert.That((capture.Attempts, capture.Replayed), Is.EqualTo((2, true)));
    }
}
