using System.Net;
using CXGear.Application.Webhooks.Common;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Webhooks;

/// <summary>
/// https only, and no address of our own network named outright (an IP literal in a private, loopback or link-local
/// range, <c>localhost</c>), unless <see cref="WebhookOptions.AllowPrivateNetworks"/>. Names are not resolved here (a
/// save should not wait on DNS, and the answer may change): the connect-time guard checks what they resolve to.
/// </summary>
internal sealed class WebhookUrlPolicy(IOptions<WebhookOptions> options) : IWebhookUrlPolicy
{
    public string? Problem(Uri url)
    {
        if (options.Value.AllowPrivateNetworks)
        {
            return null;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return "The URL must use https.";
        }

        var host = url.Host.Trim('[', ']');
        if (IPAddress.TryParse(host, out var address) && NetworkAddressPolicy.IsBlocked(address))
        {
            return $"'{host}' is a private, loopback or link-local address; webhooks go to public endpoints only.";
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? $"'{host}' is this machine; webhooks go to public endpoints only."
            : null;
    }
}
