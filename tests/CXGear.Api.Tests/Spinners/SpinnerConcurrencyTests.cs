using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Common.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Spinners;

/// <summary>
/// SQLite serializes writers, so two publishes of one spinner never overlap through the API here. What keeps SQL
/// Server from writing "version N+1" twice is <c>CurrentVersion</c> as a concurrency token: two units of work that
/// both read the spinner before either writes, and the second write is refused.
/// </summary>
public sealed class SpinnerConcurrencyTests : SpinnersTestBase
{
    [Test]
    public async Task Of_two_overlapping_publishes_only_the_first_commits()
    {
        var (_, _, _, spinnerId) = await ArrangeSpinnerAsync();
        var id = Guid.Parse(spinnerId);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;

        using var first = Factory.Services.CreateScope();
        using var second = Factory.Services.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var firstCopy = await firstDb.Spinners.IgnoreQueryFilters().SingleAsync(s => s.Id == id);
        var secondCopy = await secondDb.Spinners.IgnoreQueryFilters().SingleAsync(s => s.Id == id);

        await first.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
            () =>
            {
                Assert.That(firstCopy.Publish(Guid.NewGuid(), now).Version, Is.EqualTo(1));
                return Task.CompletedTask;
            },
            CancellationToken.None);
        Assert.That(secondCopy.Publish(Guid.NewGuid(), now).Version, Is.EqualTo(1), "the stale copy also believes it writes version 1");

        var conflict = await Assert.ThrowsAsync<CXGearException>(
            () => second.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(() => Task.CompletedTask, CancellationToken.None));
        Assert.That(conflict!.Code, Is.EqualTo(ErrorCodes.Conflict));
        using var check = Factory.Services.CreateScope();
        var counter = await check.ServiceProvider.GetRequiredService<IApplicationDbContext>().UsageCounters.IgnoreQueryFilters()
            .SingleAsync(c => c.Meter == Meter.Spinners);
        Assert.That(counter.Used, Is.EqualTo(1), "the refused publish took no second Spinners unit");
    }
}
