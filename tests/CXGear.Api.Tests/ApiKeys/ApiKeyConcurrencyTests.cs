using CXGear.Application.Common.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>
/// SQLite serializes writers, so two revocations of one key never overlap through the API here. What keeps SQL
/// Server safe is the concurrency tokens on the key: this reproduces the overlap with two units of work that
/// both read the key before either writes, and proves the second write is refused rather than applied twice.
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

        Assert.That(firstKey.Revoke(null, "first", now), Is.True);
        await firstDb.SaveChangesAsync();
        Assert.That(secondKey.Revoke(null, "second", now), Is.True, "the stale copy still believes it holds a place");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
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

        revoking.Revoke(null, "leaked", now);
        await firstDb.SaveChangesAsync();
        var successor = rotating.Rotate(TimeSpan.Zero, "cxg_concurr", new byte[32], null, now);
        secondDb.ApiKeys.Add(successor);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
    }
}
