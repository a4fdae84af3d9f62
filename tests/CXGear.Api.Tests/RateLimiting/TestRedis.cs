using StackExchange.Redis;

namespace CXGear.Api.Tests.RateLimiting;

/// <summary>
/// The Redis that .ci/run starts (<c>CXGEAR_TEST_REDIS=host:port</c>). Without one a Redis test is ignored on a
/// developer's machine but fails under CI (<c>CI=true</c>), where its absence is a broken build.
/// </summary>
internal static class TestRedis
{
    public const string Variable = "CXGEAR_TEST_REDIS";

    public static string? Address => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } address ? address : null;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Connects (for the test's own checks) or ignores/fails the test when redis-server is not there.</summary>
    public static async Task<ConnectionMultiplexer> RequireAsync()
    {
        string problem;
        if (Address is not { } address)
        {
            problem = $"{Variable} is not set";
        }
        else
        {
            try
            {
                var options = ConfigurationOptions.Parse(address);
                options.AbortOnConnectFail = true;
                options.ConnectTimeout = 2000;
                var connection = await ConnectionMultiplexer.ConnectAsync(options);
                await connection.GetDatabase().PingAsync();
                return connection;
            }
            catch (RedisException error)
            {
                problem = $"{address} did not answer ({error.GetType().Name})";
            }
        }

        var message = $"redis-server not available: {problem}. .ci/run starts one; locally run redis-server and set {Variable}=127.0.0.1:6379.";
        if (InCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        throw new InvalidOperationException(message);
    }
}
