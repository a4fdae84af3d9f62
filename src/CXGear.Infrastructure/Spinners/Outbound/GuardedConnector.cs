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
