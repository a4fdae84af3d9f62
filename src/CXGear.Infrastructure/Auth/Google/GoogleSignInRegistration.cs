using CXGear.Application.Auth.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Auth.Google;

public static class GoogleSignInRegistration
{
    /// <summary>
    /// Sign in with Google (docs/decisions/0031-sign-in-with-google.md): options checked at start, the discovery
    /// cache, the provider client and the state cookie's protector (Data Protection is registered by the vault).
    /// </summary>
    public static IServiceCollection AddGoogleSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GoogleSignInOptions>().Bind(configuration.GetSection(GoogleSignInOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GoogleSignInOptions>, GoogleSignInOptionsValidation>();
        services.AddHttpClient(GoogleDiscovery.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The provider is configuration, not user input; still, nothing follows a redirect or keeps a cookie.
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<GoogleDiscovery>();
        services.AddSingleton<IOpenIdProvider, GoogleOpenIdProvider>();
        services.AddSingleton<ISignInStateProtector, DataProtectionSignInStateProtector>();
        return services;
    }
}
