using System.Net;
using System.Net.Sockets;
using CXGear.Application.Spinners.Runtime.Outbound;

namespace CXGear.Infrastructure.Spinners.Outbound;

/// <summary>
/// The outbound handler's <c>ConnectCallback</c>: resolves the host itself, refuses when any address is blocked, and
/// connects the socket to exactly the addresses it checked. Checking at connect time, not before sending, means a
/// DNS answer that changes between a check and the connection (DNS rebinding) cannot slip through.
/// </summary>
internal static class GuardedConnector
{
    /// <summary>
    /// The primary handler of every HttpClient that reaches a destination a customer chose (api_call, AI providers): no
    /// redirects (a 3xx could lead off the allow-list), no proxy (the connect-time check would judge the proxy's address,
    /// not the target's), no cookies shared between organizations, and each connection checked by <see cref="ConnectAsync"/>.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowPrivateNetworks) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateNetworks, cancellationToken),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new OutboundFailedException($"'{host}' did not resolve.");
        }

        var blocked = allowPrivateNetworks ? null : addresses.FirstOrDefault(NetworkAddressPolicy.IsBlocked);
        if (blocked is not null)
        {
            throw new OutboundRefusedException($"'{host}' resolves to {blocked}, a private, loopback or link-local address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
