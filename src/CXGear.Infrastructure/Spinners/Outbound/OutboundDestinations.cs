using System.Net;
using CXGear.Application.Spinners.Runtime.Outbound;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Spinners.Outbound;

/// <summary>
/// <see cref="HostAllowList"/> and <see cref="NetworkAddressPolicy"/> under <c>Runtime:Outbound</c>: one set of
/// answers for the definition validators (save time) and <see cref="OutboundHttp"/> (each call). The connect-time
/// address check of resolved names is <see cref="GuardedConnector"/>'s.
/// </summary>
internal sealed class OutboundDestinations(IOptions<OutboundHttpOptions> options) : IOutboundDestinations
{
    private readonly HostAllowList _allowList = new(options.Value.AllowedHosts);

    public string? RefusalAtSave(Uri url)
    {
        var host = url.Host.Trim('[', ']');
        if (!options.Value.AllowPrivateNetworks && IPAddress.TryParse(host, out var literal) && NetworkAddressPolicy.IsBlocked(literal))
        {
            return $"'{host}' is a private, loopback or link-local address, which api_call may not reach.";
        }

        return _allowList.Allows(url.Host) && !_allowList.Allows(url.Host, url.Port) ? PortRefused(url) : null;
    }

    public string? RefusalBeforeCall(Uri url) =>
        !_allowList.Allows(url.Host) ? $"Host '{url.Host}' is not on {OutboundHttpOptions.Section}:AllowedHosts."
        : !_allowList.Allows(url.Host, url.Port) ? PortRefused(url)
        : null;

    private static string PortRefused(Uri url) => $"Port {url.Port} of '{url.Host}' is not allowed by {OutboundHttpOptions.Section}:AllowedHosts.";
}
