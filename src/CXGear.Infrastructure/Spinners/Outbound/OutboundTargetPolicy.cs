using CXGear.Application.Spinners.Runtime.Outbound;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Spinners.Outbound;

/// <summary>
/// https only (plain http too where <see cref="OutboundHttpOptions.AllowPrivateNetworks"/> is on, i.e. tests and local
/// development), and the host on <see cref="OutboundHttpOptions.AllowedHosts"/>: the same list the outbound stack checks.
/// </summary>
internal sealed class OutboundTargetPolicy(IOptions<OutboundHttpOptions> options) : IOutboundTargetPolicy
{
    private readonly HostAllowList _allowList = new(options.Value.AllowedHosts);

    public string? Problem(Uri url)
    {
        var schemeAllowed = url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && options.Value.AllowPrivateNetworks);
        if (!schemeAllowed)
        {
            return "The URL must use https.";
        }

        return _allowList.Allows(url.Host) ? null : $"Host '{url.Host}' is not on {OutboundHttpOptions.Section}:AllowedHosts.";
    }
}
