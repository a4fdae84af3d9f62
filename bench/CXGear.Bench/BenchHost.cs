using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Bench;

/// <summary>
/// The real API in process (TestServer, no sockets) on its own SQLite file, with request logging below the
/// log level so console output does not dominate the figures.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cxgear-bench", Guid.NewGuid().ToString("N"));
    private readonly Action<IServiceCollection>? _services;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public BenchHost(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _services = services;
        _settings = settings ?? new Dictionary<string, string>();

        // BenchmarkDotNet runs from its own output folder, where the factory cannot guess the API's content
        // root; point it at src/CXGear.Api so appsettings.json applies as in production.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CXGEAR_API", Path.Combine(BenchPaths.RepositoryRoot(), "src", "CXGear.Api"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_root);
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:CXGear", $"Data Source={Path.Combine(_root, "cxgear.db")}");
        builder.UseSetting("Jwt:SigningKey", "bench-signing-key-that-is-long-enough-for-hs256-0123456789");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(_root, "mail"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>Signs up a fresh organization and returns its access token.</summary>
    public async Task<string> SignUpAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/signup", new
        {
            organizationName = "Bench Org",
            fullName = "Bench User",
            email = $"bench-{Guid.NewGuid():N}@example.test",
            password = "a long bench passphrase",
        });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
