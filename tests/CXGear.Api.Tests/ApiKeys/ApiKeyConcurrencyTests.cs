using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>
/// SQLite serializes writers, so two revocations of one key never overlap through the API here. What keeps SQL
/// Server safe is the concurrency tokens on the key: this reproduces the overlap with two units of work that
/// both read the key before either writes, and proves the second is refused (409 CONFLICT from the unit of work,
/// its meter change rolled back) rather than applied twice.
/// </summary>
public sealed class ApiKeyConcurrencyTests : ApiKeysTestBase
{
    [Test]
    public async Task Of_two_overlapping_revocations_only_the_first_commits()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);
        var id = Guid.Parse(key.Id);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;

        using var first = Factory.Services.CreateScope();
        using var second = Factory.Services.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var firstKey = await firstDb.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == id);
        var secondKey = await secondDb.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == id);

        var firstWork = first.ServiceProvider.GetRequiredService<UnitOfWork>();
        var secondWork = second.ServiceProvider.GetRequiredService<UnitOfWork>();
        await firstWork.RunAsync(
            () =>
            {
                firstKey.Revoke(null, "first", now);
                return Task.CompletedTask;
            },
            CancellationToken.None);

        // The stale copy still believes it holds a place, so it records giving it back a second time.
        secondKey.Revoke(null, "second", now);

        var conflict = await Assert.ThrowsAsync<CXGearException>(() => secondWork.RunAsync(() => Task.CompletedTask, CancellationToken.None));
        Assert.That(conflict!.Code, Is.EqualTo(ErrorCodes.Conflict));
        using var check = Factory.Services.CreateScope();
        var stored = await check.ServiceProvider.GetRequiredService<IApplicationDbContext>().ApiKeys.IgnoreQueryFilters().AsNoTracking().SingleAsync(k => k.Id == id);
        Assert.That(stored.RevokedReason, Is.EqualTo("first"));
    }

    [Test]
    public async Task A_rotation_overlapping_a_revocation_is_refused()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);
        var id = Guid.Parse(key.Id);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;

        using var first = Factory.Services.CreateScope();
        using var second = Factory.Services.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var revoking = await firstDb.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == id);
        var rotating = await secondDb.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == id);

        await first.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
            () =>
            {
                revoking.Revoke(null, "leaked", now);
                return Task.CompletedTask;
            },
            CancellationToken.None);
        var successor = rotating.Rotate(TimeSpan.Zero, "cxg_concurr", new byte[32], null, now);
        secondDb.ApiKeys.Add(successor);

        var conflict = await Assert.ThrowsAsync<CXGearException>(
            () => second.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(() => Task.CompletedTask, CancellationToken.None));
        Assert.That(conflict!.Code, Is.EqualTo(ErrorCodes.Conflict));
        var billing = await JsonAsync(await GetAsync("/api/v1/billing", admin.AccessToken));
        var meter = billing["meters"]!.AsArray().Single(m => (string?)m!["meter"] == "api_keys")!;
        Assert.That((long)meter["used"]!, Is.EqualTo(0), "the revocation gave the place back; the refused rotation moved nothing");
    }
}
