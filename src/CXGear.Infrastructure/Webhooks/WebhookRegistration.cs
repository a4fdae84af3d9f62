using CXGear.Application.Webhooks.Common;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Outbound webhooks: options, the URL rule, the guarded sender and, where the runtime runs, the dispatcher's loop.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 60, $"{WebhookOptions.Section}:TimeoutSeconds is between 1 and 60.")
            .Validate(o => o.DisableAfterDays > 0, $"{WebhookOptions.Section}:DisableAfterDays is more than 0.")
            .Validate(o => o.RetentionDays is >= 1 and <= 3650, $"{WebhookOptions.Section}:RetentionDays is between 1 and 3650.")
            .ValidateOnStart();
        services.AddSingleton<IWebhookUrlPolicy, WebhookUrlPolicy>();
        services.AddSingleton<IWebhookSender, WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnector.Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks));
        if (configuration.GetValue("Runtime:Enabled", true))
        {
            // Background work goes with the runtime: an instance that only serves requests neither sends nor purges.
            services.AddHostedService<WebhookDispatchService>();
            services.AddHostedService<WebhookPurgeService>();
        }

        return services;
    }
}
