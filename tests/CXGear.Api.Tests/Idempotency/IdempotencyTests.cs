using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.RateLimiting;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Idempotency;
using CXGear.Domain.Common;
using CXGear.Domain.Idempotency;
using CXGear.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Idempotency;

/// <summary>docs/api.md#idempotency-key through HTTP on real SQLite and PostgreSQL: the probe route, then the real /public/ingest.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class IdempotencyTests : ApiTestBase
{
    private string _secret = null!;
    private string _otherSecret = null!;
    private string _name = null!;

    public IdempotencyTests(TestEngine engine) => Engine = engine;

    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Plans:Trial:ApiKeys"] = "unlimited";

    [SetUp]
    public async Task CreateKeys()
    {
        // A fresh sign-up per test: tests move the clock past the admin token's 15 minutes.
        var org = await SignUpAsync();
        _secret = (await ApiKeyRateLimitTests.CreateKeyAsync(Client, org.AccessToken, "A")).Secret;
        _otherSecret = (await ApiKeyRateLimitTests.CreateKeyAsync(Client, org.AccessToken, "B")).Secret;
        _name = Guid.NewGuid().ToString("N");
    }

    private int Executions => IdempotencyProbeController.Executions.GetValueOrDefault(_name);

    private Task<HttpResponseMessage> ProbeAsync(string? key, object body, string? secret = null, string? name = null)
    {
        var request = Request(HttpMethod.Post, $"/api/v1/test/idempotent/{name ?? _name}", body, secret ?? _secret);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, key);
        }

        return Client.SendAsync(request);
    }

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyKeys.ReplayedHeader, out var values) && values.Single() == "true";

    [Test]
    public async Task The_same_key_and_body_replay_the_first_response_without_running_again()
    {
        var key = Guid.NewGuid().ToString();

        var first = await ProbeAsync(key, new { value = "never-logged-value" });
        var second = await ProbeAsync(key, new { value = "never-logged-value" });

        var firstBody = await first.Content.ReadAsStringAsync();
        var secondBody = await second.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), firstBody);
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(secondBody, Is.EqualTo(firstBody));
            Assert.That(second.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()));
            Assert.That(Replayed(first), Is.False);
            Assert.That(Replayed(second), Is.True);
            Assert.That(Executions, Is.EqualTo(1));
            Assert.That(Factory.Logs, Has.None.Contains("never-logged-value"));
            Assert.That(Factory.Logs, Has.None.Contains(key));
        }
    }

    [Test]
    public async Task The_same_key_with_another_body_or_route_is_refused_as_reused()
    {
        var key = Guid.NewGuid().ToString();
        var first = await ProbeAsync(key, new { value = "a" });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var otherBody = await ProbeAsync(key, new { value = "b" });
        var otherRoute = await ProbeAsync(key, new { value = "a" }, name: _name + "-other");

        await AssertProblemAsync(otherBody, HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        await AssertProblemAsync(otherRoute, HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        Assert.That(Executions, Is.EqualTo(1));
    }

    [Test]
    public async Task A_duplicate_while_the_first_is_running_is_refused_as_in_progress()
    {
        var key = Guid.NewGuid().ToString();
        var started = IdempotencyProbeController.Started[_name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = IdempotencyProbeController.Gates[_name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var firstTask = ProbeAsync(key, new { value = "a" });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var duplicate = await ProbeAsync(key, new { value = "a" });
        gate.SetResult();
        var first = await firstTask;
        var afterwards = await ProbeAsync(key, new { value = "a" });

        await AssertProblemAsync(duplicate, HttpStatusCode.Conflict, ErrorCodes.IdempotencyInProgress);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Replayed(afterwards), Is.True);
            Assert.That(await afterwards.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(Executions, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_first_request_that_outlasts_the_lease_keeps_its_claim_so_a_retry_is_still_in_progress()
    {
        var key = Guid.NewGuid().ToString();
        var started = IdempotencyProbeController.Started[_name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = IdempotencyProbeController.Gates[_name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstTask = ProbeAsync(key, new { value = "a" });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Twice the lease passes while the first request is held, one renewal interval at a time; each step waits
        // (on the database, never on a sleep) for the renewal that step is due to write.
        var end = Factory.Clock.GetUtcNow() + (2 * IdempotencyRecord.Lease);
        while (Factory.Clock.GetUtcNow() < end)
        {
            Advance(IdempotencyRecord.RenewEvery);
            Assert.That(await LeaseReachesAsync(key, Factory.Clock.GetUtcNow().UtcDateTime + IdempotencyRecord.Lease), Is.True, "the claim's lease was not renewed");
        }

        // Were the claim lost, the retry would run the work again and wait at the same gate: whichever comes first.
        var secondStarted = IdempotencyProbeController.Started[_name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var duplicateTask = ProbeAsync(key, new { value = "a" });
        await Task.WhenAny(duplicateTask, secondStarted.Task).WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult();
        var duplicate = await duplicateTask;
        var first = await firstTask;

        await AssertProblemAsync(duplicate, HttpStatusCode.Conflict, ErrorCodes.IdempotencyInProgress);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Executions, Is.EqualTo(1), "the work ran once");
        }
    }

    /// <summary>Waits (ten seconds at most) until the key's claim is held until <paramref name="until"/>.</summary>
    private async Task<bool> LeaseReachesAsync(string key, DateTime until)
    {
        var keyHash = IdempotencyRecord.HashKey(key);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var scope = Factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var lockedUntil = await db.Database
                .SqlQuery<DateTime>($"SELECT \"LockedUntil\" AS \"Value\" FROM \"IdempotencyRecords\" WHERE \"KeyHash\" = {keyHash}")
                .ToListAsync();
            if (lockedUntil is [var held] && held >= until)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    [Test]
    public async Task A_client_that_goes_away_mid_request_gets_the_whole_answer_on_its_retry_not_an_empty_one()
    {
        var key = Guid.NewGuid().ToString();
        var started = IdempotencyProbeController.Started[_name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = IdempotencyProbeController.Gates[_name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gone = new CancellationTokenSource();
        var request = Request(HttpMethod.Post, $"/api/v1/test/idempotent/{_name}", new { value = "a" }, _secret);
        request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, key);

        // The client is killed while the work runs; the work still finishes and its answer is stored.
        var abandoned = Client.SendAsync(request, gone.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await gone.CancelAsync();
        gate.SetResult();
        Assert.That(async () => await abandoned, Throws.InstanceOf<OperationCanceledException>());

        HttpResponseMessage retry;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            retry = await ProbeAsync(key, new { value = "a" });
        }
        while (retry.StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline);

        var body = await retry.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
            Assert.That(Replayed(retry), Is.True);
            Assert.That(body, Does.Contain("\"execution\":1"), "the first execution's answer, whole");
            Assert.That(Executions, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Another_credential_may_use_the_same_key_independently()
    {
        var key = Guid.NewGuid().ToString();

        var mine = await ProbeAsync(key, new { value = "a" });
        var theirs = await ProbeAsync(key, new { value = "a" }, _otherSecret);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Replayed(theirs), Is.False);
            Assert.That(Executions, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task After_24_hours_the_key_runs_again()
    {
        var key = Guid.NewGuid().ToString();
        var first = await ProbeAsync(key, new { value = "a" });
        Advance(IdempotencyRecord.Retention - TimeSpan.FromSeconds(1));
        var withinDay = await ProbeAsync(key, new { value = "a" });
        Advance(TimeSpan.FromSeconds(2));

        var nextDay = await ProbeAsync(key, new { value = "a" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Replayed(withinDay), Is.True);
            Assert.That(nextDay.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Replayed(nextDay), Is.False);
            Assert.That(Executions, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task A_server_error_is_not_stored_so_the_retry_runs()
    {
        var key = Guid.NewGuid().ToString();

        var thrown = await ProbeAsync(key, new { outcome = "throw" });
        var thrownAgain = await ProbeAsync(key, new { outcome = "throw" });
        var unavailable = await ProbeAsync(key, new { outcome = "unavailable" });
        var fixedRetry = await ProbeAsync(key, new { value = "a" });

        await AssertProblemAsync(thrown, HttpStatusCode.InternalServerError, ErrorCodes.InternalError);
        await AssertProblemAsync(thrownAgain, HttpStatusCode.InternalServerError, ErrorCodes.InternalError);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Replayed(thrownAgain), Is.False);
            Assert.That(unavailable.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(fixedRetry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Executions, Is.EqualTo(4));
        }
    }

    [Test]
    public async Task A_client_error_is_stored_and_replayed()
    {
        var key = Guid.NewGuid().ToString();

        var first = await ProbeAsync(key, new { outcome = "not-found" });
        var second = await ProbeAsync(key, new { outcome = "not-found" });

        await AssertProblemAsync(second, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Replayed(second), Is.True);
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(Executions, Is.EqualTo(1));
        }
    }

    [TestCase("é-is-not-ascii")]
    [TestCase("tab\tinside")]
    public async Task An_invalid_key_is_a_validation_error(string key)
    {
        var response = await ProbeAsync(key, new { value = "a" });

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.That(body["errors"]?[IdempotencyKeys.Header], Is.Not.Null);
        Assert.That(Executions, Is.Zero);
    }

    [Test]
    public async Task Two_keys_on_one_request_are_a_validation_error()
    {
        var request = Request(HttpMethod.Post, $"/api/v1/test/idempotent/{_name}", new { value = "a" }, _secret);
        request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, ["one", "two"]);

        var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.That(Executions, Is.Zero);
    }

    [Test]
    public async Task A_key_longer_than_255_characters_is_a_validation_error()
    {
        var tooLong = await ProbeAsync(new string('k', 256), new { value = "a" });
        var longest = await ProbeAsync(new string('k', 255), new { value = "a" });

        await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.That(longest.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Without_the_header_every_request_runs()
    {
        var first = await ProbeAsync(null, new { value = "a" });
        var second = await ProbeAsync(null, new { value = "a" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Replayed(second), Is.False);
            Assert.That(Executions, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Public_ingest_honors_the_header()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { dataTableId = Guid.NewGuid(), records = new[] { new { name = "Ada" } } };

        Task<HttpResponseMessage> IngestAsync(object payload)
        {
            var request = Request(HttpMethod.Post, "/api/v1/public/ingest", payload, _secret);
            request.Headers.Add(IdempotencyKeys.Header, key);
            return Client.SendAsync(request);
        }

        var first = await IngestAsync(body);
        var retry = await IngestAsync(body);
        var reused = await IngestAsync(new { dataTableId = Guid.NewGuid(), records = new[] { new { name = "Bob" } } });

        // The key's organization has no such table (404): a client error, stored and replayed as it was.
        var firstProblem = await AssertProblemAsync(first, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var retryProblem = await AssertProblemAsync(retry, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await AssertProblemAsync(reused, HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Replayed(first), Is.False);
            Assert.That(Replayed(retry), Is.True);
            Assert.That((string?)retryProblem["traceId"], Is.EqualTo((string?)firstProblem["traceId"]));
        }
    }
}
