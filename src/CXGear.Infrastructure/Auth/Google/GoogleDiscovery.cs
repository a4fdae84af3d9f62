using CXGear.Application.Auth.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CXGear.Infrastructure.Auth.Google;

/// <summary>
/// The provider's discovery document and signing keys, through Microsoft.IdentityModel's
/// <see cref="ConfigurationManager{T}"/>: fetched on first use, cached, refreshed every 12 hours. One per process.
/// </summary>
internal sealed class GoogleDiscovery
{
    public const string HttpClientName = "google-signin";

    /// <summary>At most one forced refetch per minute, so tokens with made-up key ids cannot make us hammer the provider.</summary>
    private static readonly TimeSpan MinimumRefetchInterval = TimeSpan.FromMinutes(1);

    private readonly string _metadataAddress;
    private readonly HttpDocumentRetriever _documents;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private DateTimeOffset _lastRefetch = DateTimeOffset.MinValue;

    public GoogleDiscovery(IOptions<GoogleSignInOptions> options, IHttpClientFactory httpClients, TimeProvider clock)
    {
        var authority = options.Value.Authority.TrimEnd('/');
        _metadataAddress = authority + "/.well-known/openid-configuration";
        _clock = clock;
        _documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
        {
            // Options validation admits plain http only for a loopback authority (a local fake provider in tests).
            RequireHttps = GoogleSignInOptionsValidation.RequiresHttps(authority),
        };
        Manager = new ConfigurationManager<OpenIdConnectConfiguration>(_metadataAddress, new OpenIdConnectConfigurationRetriever(), _documents);
    }

    public ConfigurationManager<OpenIdConnectConfiguration> Manager { get; }

    /// <summary>
    /// The provider's configuration fetched now, when a token names a key the cache lacks (the provider rotated its
    /// keys). The manager's own on-demand refresh runs in the background and would fail this sign-in meanwhile; a
    /// user is waiting on this one, so it is fetched in line (by the same retriever), and the manager is told to catch
    /// up. Null when a refetch ran less than a minute ago.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefetchAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (now - _lastRefetch < MinimumRefetchInterval)
            {
                return null;
            }

            _lastRefetch = now;
        }

        Manager.RequestRefresh();
        return await OpenIdConnectConfigurationRetriever.GetAsync(_metadataAddress, _documents, cancellationToken);
    }
}
