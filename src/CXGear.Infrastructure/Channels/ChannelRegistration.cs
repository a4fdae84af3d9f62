using CXGear.Application.Channels.Common;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Channels;

public static class ChannelRegistration
{
    /// <summary>WhatsApp through Meta: options, the Graph API client, and (where the runtime runs) the webhook applier's loop.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WhatsAppOptions>(configuration.GetSection(WhatsAppOptions.Section));
        if (configuration.GetValue("Runtime:Enabled", true))
        {
            services.AddHostedService<ChannelWebhookService>();
        }

        services.AddHttpClient<IWhatsAppGraph, WhatsAppGraphClient>((sp, client) =>
            {
                // The resilience pipeline owns the time limits; this only backs it up.
                var outbound = sp.GetRequiredService<IOptions<OutboundHttpOptions>>().Value;
                client.Timeout = TimeSpan.FromSeconds(outbound.TotalTimeoutSeconds + 5);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })

            // The default loggers print each request's URL, and the code exchange carries the app secret in its query.
            .RemoveAllLoggers()
            .AddResilienceHandler("whatsapp-graph", (pipeline, context) =>
                OutboundHttpRegistration.AddRetries(pipeline, context.ServiceProvider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value));
        return services;
    }
}
