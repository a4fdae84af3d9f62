using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Tests.Shared;
using StackExchange.Redis;

namespace CXGear.Api.Tests.RateLimiting;

/// <summary>docs/api.md#rate-limits, one budget across instances: two hosts, one database, one Redis.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class RedisRateLimitTests : ApiTestBase
{
    private readonly string _instance = $"cxgear-test-{Guid.NewGuid():N}:";

    public RedisRateLimitTests(TestEngine engine) => Engine = engine;

    protected override void Configure(CXGearApiFactory factory) => Apply(factory);

    [Test]
    public async Task Two_instances_share_one_keys_limit()
    {
        using var redis = await TestRedis.RequireAsync();
        using var second = new CXGearApiFactory(Engine) { ConnectionString = Factory.ConnectionString };
        Apply(second);
        using var secondClient = second.CreateClient();

        var org = await SignUpAsync();
        var key = await ApiKeyRateLimitTests.CreateKeyAsync(Client, org.AccessToken);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await ApiKeyRateLimitTests.IngestAsync(Client, key.Secret));
        }

        for (var i = 0; i < 3; i++)
        {
            responses.Add(await ApiKeyRateLimitTests.IngestAsync(secondClient, key.Secret));
        }

        var allowed = responses.Where(r => !RateLimitAssert.IsLimited(r)).ToList();
        Assert.That(allowed, Has.Count.EqualTo(5));
        Assert.That(allowed.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.NotFound));
        Assert.That(allowed.Select(r => RateLimitAssert.Header(r, 5).Remaining), Is.EqualTo(new[] { 4, 3, 2, 1, 0 }));
        await RateLimitAssert.RejectedAsync(responses[^1], 5);

        // The counter is keyed by the key's id under this run's prefix, never by its secret.
        var keys = redis.GetServers()[0].Keys(pattern: $"*{_instance}*").Select(k => k.ToString()).ToList();
        Assert.That(keys, Has.Some.Contains($"{_instance}key:{key.Id}"));
        Assert.That(keys, Has.None.Contains(key.Secret));
        Assert.That(string.Join('\n', Factory.Logs.Concat(second.Logs)), Does.Not.Contain("rate-limit store unavailable"));
    }

    [Test]
    public async Task Concurrent_requests_on_two_instances_admit_exactly_the_limit()
    {
        using var redis = await TestRedis.RequireAsync();
        using var second = new CXGearApiFactory(Engine) { ConnectionString = Factory.ConnectionString };
        Apply(second);
        using var secondClient = second.CreateClient();

        var org = await SignUpAsync();
        var key = await ApiKeyRateLimitTests.CreateKeyAsync(Client, org.AccessToken);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            ApiKeyRateLimitTests.IngestAsync(i % 2 == 0 ? Client : secondClient, key.Secret)));

        Assert.That(responses.Count(r => !RateLimitAssert.IsLimited(r)), Is.EqualTo(5));
        Assert.That(responses.Count(RateLimitAssert.IsLimited), Is.EqualTo(7));
    }

    private void Apply(CXGearApiFactory factory)
    {
        factory.Settings["RateLimits:ApiKeyPerMinute"] = "5";
        factory.Settings["Redis:Configuration"] = TestRedis.Address ?? "127.0.0.1:1,connectTimeout=200";
        factory.Settings["Redis:InstanceName"] = _instance;
    }
}

/// <summary>Redis configured but not answering: requests go on, counted per instance, with a warning.</summary>
public sealed class RedisUnavailableRateLimitTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["RateLimits:UserPerMinute"] = "3";
        // Nothing listens on port 1.
        factory.Settings["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=300,password=not-for-logs";
    }

    [Test]
    public async Task Fails_open_to_per_instance_counters_and_logs_a_warning_without_secrets()
    {
        var user = await SignUpAsync();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await GetAsync("/api/v1/me", user.AccessToken));
        }

        Assert.That(responses.Take(3).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(responses.Take(3).Select(r => RateLimitAssert.Header(r, 3).Remaining), Is.EqualTo(new[] { 2, 1, 0 }));
        await RateLimitAssert.RejectedAsync(responses[3], 3);

        var warnings = Factory.Logs.Where(l => l.Contains("rate-limit store unavailable", StringComparison.Ordinal)).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), "one warning a minute, not one per request");
        Assert.That(warnings[0], Does.StartWith("Warning"));
        var logs = string.Join('\n', Factory.Logs);
        Assert.That(logs, Does.Not.Contain("not-for-logs"));
        Assert.That(logs, Does.Not.Contain(user.AccessToken));
        Assert.That(logs, Does.Not.Contain($"user:{user.UserId}"));
    }
}
