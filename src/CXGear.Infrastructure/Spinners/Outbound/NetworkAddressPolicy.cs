using System.Net;
using System.Net.Sockets;

namespace CXGear.Infrastructure.Spinners.Outbound;

/// <summary>
/// Addresses a spinner must not reach: anything that is not a public unicast address, so an api_call cannot be
/// pointed at the service's own network, a cloud metadata endpoint (169.254.169.254) or localhost. An IPv6 address
/// that carries an IPv4 address a packet may end up at (mapped, compatible, translated, NAT64, 6to4, Teredo) is judged
/// by that IPv4 address too, so <c>[::ffff:127.0.0.1]</c> or <c>[2002:a9fe:a9fe::1]</c> is no way around the IPv4 list.
/// </summary>
public static class NetworkAddressPolicy
{
    private static readonly (IPAddress Network, int Prefix)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this" network
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, cloud metadata
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
    ];

    private static readonly (IPAddress Network, int Prefix)[] BlockedV6 =
    [
        (IPAddress.Parse("::"), 128),           // unspecified
        (IPAddress.Parse("::1"), 128),          // loopback
        (IPAddress.Parse("64:ff9b:1::"), 48),   // local-use NAT64 (RFC 8215): translated inside someone's network
        (IPAddress.Parse("fc00::"), 7),         // unique local
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("fec0::"), 10),        // site-local (deprecated, still routable inside some networks)
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    // IPv6 forms with an IPv4 address inside, and where it sits.
    private static readonly IPAddress Compatible = IPAddress.Parse("::");            // ::a.b.c.d (deprecated), /96
    private static readonly IPAddress Mapped = IPAddress.Parse("::ffff:0:0");       // ::ffff:a.b.c.d, /96
    private static readonly IPAddress Translated = IPAddress.Parse("::ffff:0:0:0"); // ::ffff:0:a.b.c.d (SIIT), /96
    private static readonly IPAddress Nat64 = IPAddress.Parse("64:ff9b::");         // 64:ff9b::a.b.c.d, /96
    private static readonly IPAddress SixToFour = IPAddress.Parse("2002::");        // 2002:AABB:CCDD::/48, /16
    private static readonly IPAddress Teredo = IPAddress.Parse("2001::");           // 2001:0:server:flags:port:~client, /32

    public static bool IsBlocked(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => InAny(address, BlockedV4),
        AddressFamily.InterNetworkV6 => InAny(address, BlockedV6) || CarriedIPv4(address).Any(IsBlocked),
        _ => true,
    };

    /// <summary>The IPv4 addresses an IPv6 address leads to through a transition mechanism, if any.</summary>
    private static IEnumerable<IPAddress> CarriedIPv4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (InNetwork(address, Compatible, 96) || InNetwork(address, Mapped, 96) || InNetwork(address, Translated, 96) || InNetwork(address, Nat64, 96))
        {
            yield return new IPAddress(bytes[12..]);
        }
        else if (InNetwork(address, SixToFour, 16))
        {
            yield return new IPAddress(bytes[2..6]);
        }
        else if (InNetwork(address, Teredo, 32))
        {
            // The Teredo server, and the client, whose address is stored with every bit inverted.
            yield return new IPAddress(bytes[4..8]);
            yield return new IPAddress(bytes[12..].Select(b => (byte)~b).ToArray());
        }
    }

    private static bool InAny(IPAddress address, (IPAddress Network, int Prefix)[] networks) =>
        networks.Any(n => InNetwork(address, n.Network, n.Prefix));

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var fullBytes = prefix / 8;
        if (!a.AsSpan(0, fullBytes).SequenceEqual(n.AsSpan(0, fullBytes)))
        {
            return false;
        }

        var remainingBits = prefix % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }
}
