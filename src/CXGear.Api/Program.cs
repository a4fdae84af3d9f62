using CXGear.Api;
using CXGear.Application;
using CXGear.Infrastructure;
using CXGear.Infrastructure.Identity;
using CXGear.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddApi(builder.Configuration);

var app = builder.Build();

// `dotnet run --project src/CXGear.Api -- migrate` applies migrations with the app's own configuration
// (any provider) and exits: the deploy step for SQL Server, where the server does not migrate itself.
if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    await app.Services.InitializeDatabaseAsync(forceMigrate: true);
    return;
}

// Settings that cannot work (mail with nowhere to go in Production, SMTP without TLS…) stop start-up here, before the
// database is touched; the host would only check them when it starts, after migrating.
app.Services.GetService<IStartupValidator>()?.Validate();
app.UseApi();
await app.Services.InitializeDatabaseAsync();
await app.Services.BootstrapOperatorAsync();
await app.RunAsync();

/// <summary>Entry point; public so the HTTP tests can host it with WebApplicationFactory.</summary>
public partial class Program;
