using System.Collections.Concurrent;
using System.Net;
using CXGear.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CXGear.Api.Tests.Infrastructure;

/// <summary>
/// Hosts the real API on a fresh SQLite file (a copy of the migrated template, see <see cref="TemplateDatabase"/>) or,
/// for <see cref="TestEngine.Postgres"/>, a fresh PostgreSQL database (see <see cref="TestPostgres"/>), with a clock the
/// test moves, mail written to a folder the test reads, and every log line captured so tests can prove what never
/// reaches it.
/// </summary>
public sealed class CXGearApiFactory(TestEngine? engine = null) : WebApplicationFactory<Program>
{
    public const string ClientIpHeader = "X-Test-Client-IP";
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hs256-0123456789";

    private readonly TestEngine _engine = engine ?? TestPostgres.DefaultEngine;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cxgear-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public string MailDirectory => Path.Combine(_root, "mail");

    public ConcurrentQueue<string> Logs { get; } = new();

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The host environment; start-up checks that hold in Production only are tested by setting it.</summary>
    public string EnvironmentName { get; set; } = "Testing";

    /// <summary>More test services, registered after the app's own (an in-memory telemetry exporter, say).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public TestEngine Engine => _engine;

    /// <summary>
    /// The database; set it to another factory's (of the same engine) to run two API instances on one database.
    /// Left unset, the factory makes its own when the host starts.
    /// </summary>
    public string ConnectionString
    {
        get => _connectionString ??= CreateOwnDatabase();
        set => _connectionString = value;
    }

    private string? _connectionString;

    /// <summary>The PostgreSQL database this factory created, dropped with it.</summary>
    private string? _ownPostgres;

    /// <summary>
    /// Start on an empty file that the host's own start-up migrates, the path <c>dotnet run</c> takes on a new machine,
    /// instead of on a copy of the migrated template.
    /// </summary>
    public bool MigrateFromEmpty { get; set; }

    private string OwnDatabase => Path.Combine(_root, "cxgear.db");

    /// <summary>
    /// Start-up still runs the migrator on a copy of the template; it finds nothing pending. From empty, it migrates.
    /// </summary>
    private string CreateOwnDatabase()
    {
        if (_engine == TestEngine.Postgres)
        {
            return _ownPostgres = TestPostgres.CreateDatabase(migrated: !MigrateFromEmpty);
        }

        Directory.CreateDirectory(_root);
        if (!MigrateFromEmpty)
        {
            TemplateDatabase.CopyTo(OwnDatabase);
        }

        return $"Data Source={OwnDatabase}";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_root);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:CXGear", ConnectionString);
        if (_engine == TestEngine.Postgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:MigrateOnStartup", "true");
        }

        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        builder.UseSetting("WebApp:BaseUrl", "https://app.cxgear.test");
        builder.UseSetting("Cors:AllowedOrigins:0", "https://app.cxgear.test");
        // Fixtures sign up many organizations from one address; rate-limit tests lower these through Settings.
        builder.UseSetting("RateLimits:ApiKeyPerMinute", "1000000");
        builder.UseSetting("RateLimits:AuthPerIpPerMinute", "1000000");
        builder.UseSetting("RateLimits:UserPerMinute", "1000000");
        // Jobs stay queued unless a test turns the runtime on (Runtime:Enabled) or drives JobRunner itself.
        builder.UseSetting("Runtime:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.UseTestPasswordHashing();
            services.AddSingleton<IStartupFilter, TestClientAddressFilter>();
            services.AddControllers().AddApplicationPart(typeof(CXGearApiFactory).Assembly);
            TestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownPostgres is { } database)
        {
            TestPostgres.DropDatabase(database);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner.
        }
    }

    /// <summary>TestServer has no remote address; tests choose one per request to play several devices.</summary>
    private sealed class TestClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(
                    context.Request.Headers.TryGetValue(ClientIpHeader, out var ip) ? ip.ToString() : "203.0.113.10");
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
