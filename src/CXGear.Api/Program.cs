using CXGear.Api;
using CXGear.Application;
using CXGear.Infrastructure;
using CXGear.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddApi(builder.Configuration);

var app = builder.Build();
app.UseApi();
await app.Services.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; public so the HTTP tests can host it with WebApplicationFactory.</summary>
public partial class Program;
