using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CXGear.Application.Common.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Bench;

/// <summary>
/// What the API-key check costs on every integration request. One host, one no-op action reached three ways:
/// anonymously (the baseline), with a JWT, and with an organization API key (prefix lookup by a compiled query,
/// SHA-256 and a fixed-time compare, last-used written at most once a minute). The authenticator alone is
/// measured too. Rate limits are off in this host so the limiter's cost does not mix in.
/// </summary>
[InProcess]
[MemoryDiagnoser]
public class ApiKeyAuthBenchmarks
{
    private BenchHost _host = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _withJwt = null!;
    private HttpClient _withKey = null!;
    private IServiceScope _scope = null!;
    private IApiKeyAuthenticator _authenticator = null!;
    private string _secret = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchHost(
            services => services.AddControllers().AddApplicationPart(typeof(NoOpController).Assembly),
            new Dictionary<string, string>
            {
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
            });
        _anonymous = _host.CreateClient();
        _withJwt = _host.CreateClient();
        _withKey = _host.CreateClient();

        var jwt = await _host.SignUpAsync(_withJwt);
        _withJwt.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        var created = await _withJwt.PostAsJsonAsync("/api/v1/api-keys", new { name = "bench", scopes = new[] { "ingest" } });
        created.EnsureSuccessStatusCode();
        using (var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
        {
            _secret = body.RootElement.GetProperty("secret").GetString()!;
        }

        _withKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
        _scope = _host.Services.CreateScope();
        _authenticator = _scope.ServiceProvider.GetRequiredService<IApiKeyAuthenticator>();
    }

    [GlobalCleanup]
    public void TearDown()
    {
        _scope.Dispose();
        _anonymous.Dispose();
        _withJwt.Dispose();
        _withKey.Dispose();
        _host.Dispose();
    }

    [Benchmark(Baseline = true, Description = "no-op, anonymous")]
    public Task<HttpResponseMessage> Anonymous() => Send(_anonymous, "/bench/anonymous");

    [Benchmark(Description = "no-op, JWT + session check")]
    public Task<HttpResponseMessage> Jwt() => Send(_withJwt, "/bench/authenticated");

    [Benchmark(Description = "no-op, API key")]
    public Task<HttpResponseMessage> ApiKey() => Send(_withKey, "/bench/authenticated");

    [Benchmark(Description = "IApiKeyAuthenticator alone")]
    public Task<ApiKeyIdentity?> AuthenticatorAlone() => _authenticator.AuthenticateAsync(_secret, "127.0.0.1", CancellationToken.None);

    /// <summary>What a request pays around the check: a DI scope, a DbContext and a pooled connection open.</summary>
    [Benchmark(Description = "IApiKeyAuthenticator in a fresh scope")]
    public async Task<ApiKeyIdentity?> AuthenticatorInFreshScope()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IApiKeyAuthenticator>().AuthenticateAsync(_secret, "127.0.0.1", CancellationToken.None);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        if (response.StatusCode != System.Net.HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: the benchmark would measure the wrong path.");
        }

        return response;
    }
}
