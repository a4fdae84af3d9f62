using System.Collections.Concurrent;
using CXGear.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Cli.Tests;

/// <summary>
/// The real API on Kestrel on a loopback port, a fresh SQLite file (a copy of the migrated template) and the real clock, with the job runtime on: what
/// the tool talks to in production, in this process so the tests can read the database through the API.
/// Requests made with a key in <see cref="SlowKeys"/> are held a little before they run, so a test can stop the tool
/// half-way through a file.
/// </summary>
public sealed class LiveApi : WebApplicationFactory<Program>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cxgear-cli-tests", Guid.NewGuid().ToString("N"));

    public LiveApi()
    {
        Directory.CreateDirectory(_root);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    public Uri BaseAddress { get; }

    public string Root => _root;

    public ConcurrentDictionary<string, TimeSpan> SlowKeys { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var database = Path.Combine(_root, "cxgear.db");
        if (!File.Exists(database))
        {
            // A copy of the migrated template; start-up still runs the migrator on it (nothing pending) and turns WAL on.
            TemplateDatabase.CopyTo(database);
        }

        builder.UseSetting("ConnectionStrings:CXGear", $"Data Source={database}");
        builder.UseSetting("Jwt:SigningKey", "cli-test-signing-key-that-is-long-enough-for-hs256-0123456789");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(_root, "mail"));
        builder.UseSetting("RateLimits:ApiKeyPerMinute", "1000000");
        builder.UseSetting("RateLimits:AuthPerIpPerMinute", "1000000");
        builder.UseSetting("RateLimits:UserPerMinute", "1000000");
        builder.UseSetting("Runtime:Enabled", "true");
        builder.UseSetting("Runtime:PollIntervalMilliseconds", "50");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new SlowKeyFilter(SlowKeys)).UseTestPasswordHashing());
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
            // A file still open is left to the OS temp cleaner.
        }
    }

    private sealed class SlowKeyFilter(ConcurrentDictionary<string, TimeSpan> slowKeys) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                var authorization = context.Request.Headers.Authorization.ToString();
                if (authorization.StartsWith("Bearer ", StringComparison.Ordinal) && slowKeys.TryGetValue(authorization[7..], out var delay))
                {
                    await Task.Delay(delay, context.RequestAborted);
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
