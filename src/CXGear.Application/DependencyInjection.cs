using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Auditing;
using CXGear.Application.DataTables.Common;
using CXGear.Application.Spinners.Runtime;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators and application services. Mediator itself is registered by the API project, which
    /// runs its source generator, with <see cref="Common.PipelineOrder.Behaviors"/>.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<TokenPairFactory>();
        services.AddScoped<SessionSignIn>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<CsvRowLoader>();
        services.AddScoped<DataTables.Commands.IngestRecords.TableIngestion>();
        services.AddScoped<Jobs.Common.JobCreation>();
        services.AddScoped<Common.Persistence.UnitOfWork>();
        services.AddScoped<Channels.Common.ConnectStateUse>();
        services.AddSingleton<Channels.Webhooks.ChannelWebhookApplier>();
        services.AddSingleton<Channels.Webhooks.ChannelWebhookSignal>();
        services.AddSingleton<Channels.Common.WhatsAppWebhookSignatures>();
        services.AddSingleton<SpinnerEngine>();
        services.AddSingleton<Spinners.Runtime.Secrets.IVaultSecretReader, Spinners.Runtime.Secrets.VaultSecretReader>();
        services.AddSingleton<Spinners.Runtime.Ai.IAiProviderSettingsReader, Spinners.Runtime.Ai.AiProviderSettingsReader>();
        services.AddSingleton<Spinners.Runtime.Channels.IChannelMessenger, Spinners.Runtime.Channels.ChannelMessenger>();
        services.AddScoped<Common.Abstractions.BackgroundTenant>();
        services.AddSingleton<Jobs.Runtime.JobRunner>();
        services.AddSingleton<Jobs.Runtime.JobSignal>();
        services.AddScoped<Webhooks.Common.WebhookOutbox>();
        services.AddSingleton<Webhooks.Common.WebhookSignal>();
        services.AddSingleton<Webhooks.Dispatch.WebhookDispatcher>();
        services.AddSingleton<Webhooks.Retention.WebhookHistoryPurge>();

        // The runtime's instruments (docs/decisions/0023-runtime-observability.md); IMeterFactory comes with AddMetrics.
        services.AddMetrics();
        services.AddSingleton<Jobs.Runtime.RuntimeMetrics>();
        services.AddSingleton<Jobs.Runtime.RuntimeHeartbeat>();
        return services;
    }
}
