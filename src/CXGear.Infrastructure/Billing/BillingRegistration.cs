using CXGear.Application.Billing.Common;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Billing;

public static class BillingRegistration
{
    /// <summary>Self-serve plans: both providers' options (validated at start), Stripe.net's HttpClient, Razorpay's typed client.</summary>
    public static IServiceCollection AddSelfServeBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeBillingOptions>().Bind(configuration.GetSection(StripeBillingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeBillingOptions>, StripeBillingOptionsValidation>();
        services.AddOptions<RazorpayBillingOptions>().Bind(configuration.GetSection(RazorpayBillingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RazorpayBillingOptions>, RazorpayBillingOptionsValidation>();

        // The default loggers print each request's URL; keep provider traffic out of the logs altogether.
        services.AddHttpClient(StripeBilling.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .RemoveAllLoggers();
        services.AddSingleton<IStripeBilling, StripeBilling>();

        services.AddHttpClient<IRazorpayBilling, RazorpayClient>((sp, client) =>
            {
                // The resilience pipeline owns the time limits; this only backs it up.
                var outbound = sp.GetRequiredService<IOptions<OutboundHttpOptions>>().Value;
                client.Timeout = TimeSpan.FromSeconds(outbound.TotalTimeoutSeconds + 5);
            })
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .RemoveAllLoggers()
            .AddResilienceHandler("razorpay", (pipeline, context) =>
                OutboundHttpRegistration.AddRetries(pipeline, context.ServiceProvider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value));
        return services;
    }

    private static SocketsHttpHandler NoRedirects() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };
}
