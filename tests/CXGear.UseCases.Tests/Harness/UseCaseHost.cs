using CXGear.Application;
using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure;
using CXGear.Infrastructure.Persistence;
using CXGear.Tests.Shared;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CXGear.UseCases.Tests.Harness;

/// <summary>
/// The application without HTTP: the app's own registrations (<c>AddApplication</c>, <c>AddInfrastructure</c> on SQLite,
/// or on PostgreSQL when <c>CXGEAR_TEST_ENGINE=postgres</c>, Mediator as the Api project generated it) over a copy of
/// the migrated template, a clock the test moves and a caller the test chooses per message. <see cref="SendAsync{TResponse}(ICommand{TResponse}, Caller)"/> goes through the
/// real pipeline: exception logging, authorization, validation, upload, unit of work.
/// </summary>
public sealed class UseCaseHost : IAsyncDisposable
{
    public const string PublicApiUrl = "https://api.cxgear.test";
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hs256-0123456789";

    private readonly string _root;
    private readonly string _connectionString;
    private readonly ServiceProvider _services;

    private UseCaseHost(string root, string connectionString, ServiceProvider services, FakeTimeProvider clock)
    {
        _root = root;
        _connectionString = connectionString;
        _services = services;
        Clock = clock;
    }

    /// <summary>The same start as the HTTP tests' clock: 2 November 2026, 09:00 UTC.</summary>
    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    public HarnessClientInfo Client => _services.GetRequiredService<HarnessClientInfo>();

    /// <summary>Builds the provider on a fresh copy of the template; <paramref name="settings"/> override configuration.</summary>
    public static async Task<UseCaseHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "cxgear-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var postgres = TestPostgres.DefaultEngine == TestEngine.Postgres;
        string connectionString;
        if (postgres)
        {
            connectionString = TestPostgres.CreateDatabase();
        }
        else
        {
            var file = Path.Combine(root, "cxgear.db");
            TemplateDatabase.CopyTo(file);
            connectionString = $"Data Source={file}";
        }

        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:CXGear"] = connectionString,
            ["Database:Provider"] = postgres ? "Postgres" : "Sqlite",
            ["Jwt:SigningKey"] = SigningKey,
            ["Email:PickupDirectory"] = Path.Combine(root, "mail"),
            ["WebApp:BaseUrl"] = "https://app.cxgear.test",
            ["Runtime:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var environment = new HarnessEnvironment(root);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddLogging();

        // Before AddInfrastructure, which adds the system clock only when none is registered.
        services.AddSingleton<TimeProvider>(clock);
        services.AddApplication().AddInfrastructure(configuration, environment);
        services.UseTestPasswordHashing();

        // The Api project's generated registration: every handler, and the pipeline behaviors in the API's order
        // (compiled in by the generator from the Api's AddMediator call). Only the lifetime is checked at run time.
        services.AddMediator((MediatorOptions options) => options.ServiceLifetime = ServiceLifetime.Scoped);

        // What the Api project would add from HTTP: the caller, the client, the public URL.
        services.AddScoped<HarnessPrincipal>();
        services.AddScoped<ICurrentPrincipal>(sp => sp.GetRequiredService<HarnessPrincipal>());
        services.AddSingleton<HarnessClientInfo>();
        services.AddSingleton<IClientInfo>(sp => sp.GetRequiredService<HarnessClientInfo>());
        services.AddSingleton<IPublicApiUrl, HarnessPublicApiUrl>();

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        // The start-up path on the copy: no migration is pending; WAL is turned on as on a server.
        await provider.InitializeDatabaseAsync();
        return new UseCaseHost(root, connectionString, provider, clock);
    }

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, Caller caller) =>
        (TResponse)(await SendObjectAsync(command, caller))!;

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, Caller caller) =>
        (TResponse)(await SendObjectAsync(query, caller))!;

    /// <summary>Sends the message in its own DI scope, as one HTTP request would be; throws what the pipeline throws.</summary>
    private async Task<object?> SendObjectAsync(object message, Caller caller)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HarnessPrincipal>().Caller = caller;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(message);
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope (arranging or checking state the use case does not own).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_connectionString.StartsWith("Data Source=", StringComparison.Ordinal))
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
        else
        {
            TestPostgres.DropDatabase(_connectionString);
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

    private sealed class HarnessEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "CXGear.Api";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
