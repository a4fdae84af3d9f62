using CXGear.Application.Auth.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CXGear.Infrastructure.Auth.Google;

/// <summary>
/// The provider's discovery document and signing keys, through Microsoft.IdentityModel's
/// <see cref="ConfigurationManager{T}"/>: fetched on first use, cached, refreshed in the background every 12 hours and
/// on demand when a token names a key we do not have (the provider rotated its keys). One per process.
/// </summary>
internal sealed class GoogleDiscovery
{
    public const string HttpClientName = "google-signin";

    public GoogleDiscovery(IOptions<GoogleSignInOptions> options, IHttpClientFactory httpClients)
    {
        var authority = options.Value.Authority.TrimEnd('/');
        Manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            authority + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
            {
                // Options validation admits plain http only for a loopback authority (a local fake provider in tests).
                RequireHttps = GoogleSignInOptionsValidation.RequiresHttps(authority),
            });
    }

    public ConfigurationManager<OpenIdConnectConfiguration> Manager { get; }
}
