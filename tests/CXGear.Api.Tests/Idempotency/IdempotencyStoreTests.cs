using System.Security.Cryptography;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Common.Idempotency;
using CXGear.Domain.Idempotency;
using CXGear.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Idempotency;

/// <summary>The store's claim rules on the real schema (SQLite and PostgreSQL): leases, claim tokens, release and purge.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class IdempotencyStoreTests : ApiTestBase
{
    private static readonly byte[] RequestA = SHA256.HashData("POST /a {}"u8);
    private static readonly byte[] RequestB = SHA256.HashData("POST /b {}"u8);
    private static readonly StoredResponse Ok = new(200, "application/json", "{\"ok\":true}"u8.ToArray());

    private string _scope = null!;

    public IdempotencyStoreTests(TestEngine engine) => Engine = engine;

    [SetUp]
    public void NewScope() => _scope = IdempotencyKeys.ApiKeyScope(Guid.NewGuid());

    private async Task<T> WithStoreAsync<T>(Func<IIdempotencyStore, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IIdempotencyStore>());
    }

    private Task<IdempotencyClaim> ClaimAsync(string key = "k", byte[]? request = null) =>
        WithStoreAsync(s => s.TryClaimAsync(_scope, key, request ?? RequestA, CancellationToken.None));

    private Task CompleteAsync(IdempotencyClaim claim, StoredResponse response) =>
        WithStoreAsync(async s =>
        {
            await s.CompleteAsync((IdempotencyClaim.Acquired)claim, response, CancellationToken.None);
            return 0;
        });

    [Test]
    public async Task A_held_claim_is_in_progress_then_completed_with_its_response()
    {
        var first = await ClaimAsync();
        var whileRunning = await ClaimAsync();
        var otherRequest = await ClaimAsync(request: RequestB);
        await CompleteAsync(first, Ok);
        var afterwards = await ClaimAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.TypeOf<IdempotencyClaim.Acquired>());
            Assert.That(whileRunning, Is.TypeOf<IdempotencyClaim.InProgress>());
            Assert.That(otherRequest, Is.TypeOf<IdempotencyClaim.Mismatch>());
            var completed = afterwards as IdempotencyClaim.Completed;
            Assert.That(completed?.Response.Status, Is.EqualTo(200));
            Assert.That(completed?.Response.ContentType, Is.EqualTo("application/json"));
            Assert.That(completed?.Response.Body, Is.EqualTo(Ok.Body));
        }
    }

    [Test]
    public async Task Keys_differing_only_in_case_are_different_keys()
    {
        var lower = await ClaimAsync("order-abc");
        var upper = await ClaimAsync("ORDER-ABC");

        Assert.That(upper, Is.TypeOf<IdempotencyClaim.Acquired>());
        Assert.That(lower, Is.TypeOf<IdempotencyClaim.Acquired>());
    }

    [Test]
    public async Task An_abandoned_claim_is_retaken_after_its_lease_and_the_old_holder_can_no_longer_complete_it()
    {
        var crashed = await ClaimAsync();
        Advance(IdempotencyRecord.Lease - TimeSpan.FromSeconds(1));
        var beforeLeaseEnds = await ClaimAsync();
        Advance(TimeSpan.FromSeconds(2));

        var retaken = await ClaimAsync();
        await CompleteAsync(crashed, new StoredResponse(201, "application/json", "{\"stale\":true}"u8.ToArray()));
        await CompleteAsync(retaken, Ok);
        var replay = await ClaimAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(beforeLeaseEnds, Is.TypeOf<IdempotencyClaim.InProgress>());
            Assert.That(retaken, Is.TypeOf<IdempotencyClaim.Acquired>());
            Assert.That(((IdempotencyClaim.Acquired)retaken).ClaimToken, Is.Not.EqualTo(((IdempotencyClaim.Acquired)crashed).ClaimToken));
            Assert.That((replay as IdempotencyClaim.Completed)?.Response.Body, Is.EqualTo(Ok.Body));
        }
    }

    [Test]
    public async Task A_renewed_claim_stays_in_progress_past_its_first_lease_and_a_lost_claim_cannot_be_renewed()
    {
        var running = await ClaimAsync();
        Advance(IdempotencyRecord.Lease - TimeSpan.FromSeconds(1));
        var renewed = await RenewAsync(running);
        Advance(TimeSpan.FromSeconds(2));
        var pastFirstLease = await ClaimAsync();

        Advance(IdempotencyRecord.Lease);
        var retaken = await ClaimAsync();
        var renewedAfterLoss = await RenewAsync(running);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renewed, Is.True);
            Assert.That(pastFirstLease, Is.TypeOf<IdempotencyClaim.InProgress>());
            Assert.That(retaken, Is.TypeOf<IdempotencyClaim.Acquired>(), "a claim no longer renewed (its instance died) is retaken");
            Assert.That(renewedAfterLoss, Is.False, "the old holder no longer holds it");
        }
    }

    private Task<bool> RenewAsync(IdempotencyClaim claim) =>
        WithStoreAsync(s => s.RenewAsync((IdempotencyClaim.Acquired)claim, CancellationToken.None));

    [Test]
    public async Task A_released_claim_can_be_claimed_again_even_with_another_request()
    {
        var first = await ClaimAsync();
        await WithStoreAsync(async s =>
        {
            await s.ReleaseAsync((IdempotencyClaim.Acquired)first, CancellationToken.None);
            return 0;
        });

        var again = await ClaimAsync(request: RequestB);

        Assert.That(again, Is.TypeOf<IdempotencyClaim.Acquired>());
    }

    [Test]
    public async Task Purge_deletes_only_records_past_24_hours()
    {
        var old = await ClaimAsync("old");
        await CompleteAsync(old, Ok);
        Advance(TimeSpan.FromHours(12));
        var recent = await ClaimAsync("recent");
        await CompleteAsync(recent, Ok);
        Advance(TimeSpan.FromHours(12));

        await WithStoreAsync(s => s.PurgeExpiredAsync(CancellationToken.None));
        var oldAgain = await ClaimAsync("old", RequestB);
        var recentAgain = await ClaimAsync("recent", RequestA);

        Assert.That(oldAgain, Is.TypeOf<IdempotencyClaim.Acquired>());
        Assert.That(recentAgain, Is.TypeOf<IdempotencyClaim.Completed>());
    }
}
