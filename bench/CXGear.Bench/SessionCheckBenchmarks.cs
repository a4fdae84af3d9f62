using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CXGear.Bench;

/// <summary>
/// What the per-request session check costs. The same authenticated GET /api/v1/me runs on two hosts: one
/// with the real check (one compiled primary-key read, an activity write at most once a minute) and one whose
/// validator answers "live" without touching the database. The difference is the check; the anonymous health
/// probe is the baseline every figure is a ratio of, measured in the same run because the machines are noisy.
/// </summary>
[InProcess]
[MemoryDiagnoser]
public class SessionCheckBenchmarks
{
    private BenchHost _real = null!;
    private BenchHost _noCheck = null!;
    private HttpClient _realClient = null!;
    private HttpClient _noCheckClient = null!;
    private IServiceScope _scope = null!;
    private ISessionValidator _validator = null!;
    private Guid _sessionId;
    private Guid _userId;

    [GlobalSetup]
    public async Task SetUp()
    {
        _real = new BenchHost();
        _noCheck = new BenchHost(services =>
        {
            services.RemoveAll<ISessionValidator>();
            services.AddScoped<ISessionValidator, AlwaysLive>();
        });
        _realClient = _real.CreateClient();
        _noCheckClient = _noCheck.CreateClient();
        var realToken = await _real.SignUpAsync(_realClient);
        _realClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", realToken);
        _noCheckClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _noCheck.SignUpAsync(_noCheckClient));

        var jwt = new System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler().ReadJwtToken(realToken);
        _sessionId = Guid.Parse(jwt.Claims.First(c => c.Type == "sid").Value);
        _userId = Guid.Parse(jwt.Subject);
        _scope = _real.Services.CreateScope();
        _validator = _scope.ServiceProvider.GetRequiredService<ISessionValidator>();
    }

    [GlobalCleanup]
    public void TearDown()
    {
        _scope.Dispose();
        _realClient.Dispose();
        _noCheckClient.Dispose();
        _real.Dispose();
        _noCheck.Dispose();
    }

    [Benchmark(Baseline = true, Description = "GET /health/live (anonymous)")]
    public Task<HttpResponseMessage> HealthLive() => Send(_realClient, "/health/live");

    [Benchmark(Description = "GET /api/v1/me, JWT only")]
    public Task<HttpResponseMessage> MeWithoutSessionCheck() => Send(_noCheckClient, "/api/v1/me");

    [Benchmark(Description = "GET /api/v1/me, JWT + session check")]
    public Task<HttpResponseMessage> MeWithSessionCheck() => Send(_realClient, "/api/v1/me");

    [Benchmark(Description = "ISessionValidator alone")]
    public Task<SessionState> ValidatorAlone() => _validator.ValidateAsync(_sessionId, _userId, CancellationToken.None);

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private sealed class AlwaysLive : ISessionValidator
    {
        public Task<SessionState> ValidateAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
            Task.FromResult(SessionState.Live);
    }
}
