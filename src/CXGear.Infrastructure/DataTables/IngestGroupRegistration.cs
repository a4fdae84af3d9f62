using CXGear.Application.DataTables.Commands.IngestRecords;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Infrastructure.DataTables;

public static class IngestGroupRegistration
{
    /// <summary>Ingest's group commit: one writer per process (docs/decisions/0036-ingest-group-commit.md).</summary>
    public static IServiceCollection AddIngestGroupCommit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestGroupOptions>()
            .Bind(configuration.GetSection(IngestGroupOptions.Section))
            .Validate(o => o.MaxRows >= 1, $"{IngestGroupOptions.Section}:MaxRows is at least 1.")
            .Validate(o => o.MaxWait >= TimeSpan.Zero && o.MaxWait <= TimeSpan.FromSeconds(1), $"{IngestGroupOptions.Section}:MaxWait is between 0 and 1 second.")
            .ValidateOnStart();
        services.AddSingleton<IngestGroupCommit>();
        return services;
    }
}
