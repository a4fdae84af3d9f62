using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Common.Abstractions;
using CXGear.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Auth;

/// <summary>The reset-mail counter on the real schema (SQLite and PostgreSQL): one conditional statement, so parallel requests count once.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class PasswordResetThrottleStoreTests : ApiTestBase
{
    public PasswordResetThrottleStoreTests(TestEngine engine) => Engine = engine;

    private async Task<bool> TryCountAsync(Guid userId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPasswordResetThrottle>()
            .TryCountMailAsync(userId, Factory.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
    }

    [Test]
    public async Task Of_twenty_parallel_first_requests_exactly_one_may_send()
    {
        var userId = Guid.Parse((await SignUpAsync()).UserId);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => TryCountAsync(userId))));

        Assert.That(results.Count(sent => sent), Is.EqualTo(1));
    }
}
