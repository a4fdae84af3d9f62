using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CXGear.Infrastructure.Spinners.Outbound;

/// <summary>
/// <c>Runtime:Outbound:AllowedHosts</c>: exact host names or IP literals, plus <c>*.suffix</c> entries that admit any
/// subdomain of the suffix, case-insensitive; each may name a port (<c>api.crm.test:8443</c>, <c>*.crm.test:8443</c>,
/// <c>[::1]:8080</c>). Ports, docs/api.md#outbound-calls:
/// <list type="bullet">
/// <item>an entry with a port admits that port only;</item>
/// <item>a wildcard without a port admits 80 and 443 only: it admits machines nobody named one by one, and those
/// should be reached on the web's ports, not on whatever else they listen on;</item>
/// <item>an exact host without a port admits any port: the operator named that one machine (a partner's API on 8443,
/// a loopback test server on a random port); write <c>host:443</c> to narrow it.</item>
/// </list>
/// </summary>
public sealed class HostAllowList
{
    /// <summary>The ports a wildcard entry without a port admits.</summary>
    public static readonly IReadOnlyList<int> WebPorts = [80, 443];

    private readonly Entry[] _entries;

    /// <exception cref="FormatException">An entry is not <c>host</c>, <c>*.suffix</c>, optionally with <c>:port</c> (1–65535).</exception>
    public HostAllowList(IEnumerable<string> entries) => _entries = entries.Select(Parse).ToArray();

    /// <summary>Whether any entry names the host, whatever its port.</summary>
    public bool Allows(string host)
    {
        var name = Normalise(host);
        return _entries.Any(e => e.Matches(name));
    }

    /// <summary>Whether an entry that names the host admits the port.</summary>
    public bool Allows(string host, int port)
    {
        var name = Normalise(host);
        return _entries.Any(e => e.Matches(name) && e.Admits(port));
    }

    /// <summary>Trailing dots and IPv6 brackets would otherwise let <c>api.example.com.</c> or <c>[::1]</c> miss an entry that means the same host.</summary>
    private static string Normalise(string host) => host.Trim().TrimEnd('.').Trim('[', ']');

    private static Entry Parse(string entry)
    {
        var text = entry.Trim();
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            // [v6] or [v6]:port
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close < text.Length - 1 && text[close + 1] != ':'))
            {
                throw Malformed(entry);
            }

            host = text[1..close];
            port = close < text.Length - 1 ? text[(close + 2)..] : null;
        }
        else if (IPAddress.TryParse(text, out var literal) && literal.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // A bare IPv6 literal: its colons are not a port.
            host = text;
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        host = Normalise(host);
        if (host.Length == 0 || host == "*.")
        {
            throw Malformed(entry);
        }

        int? number = null;
        if (port is not null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 65535)
            {
                throw Malformed(entry);
            }

            number = parsed;
        }

        return host.StartsWith("*.", StringComparison.Ordinal)
            ? new Entry(host[1..], Wildcard: true, number)
            : new Entry(host, Wildcard: false, number);
    }

    private static FormatException Malformed(string entry) =>
        new($"'{entry}' in {OutboundHttpOptions.Section}:AllowedHosts is not host, *.suffix, host:port or *.suffix:port (ports 1-65535, IPv6 in brackets when a port follows).");

    /// <param name="Name">The host, or for a wildcard the suffix with its leading dot (<c>.crm.test</c>).</param>
    private sealed record Entry(string Name, bool Wildcard, int? Port)
    {
        public bool Matches(string host) => Wildcard
            ? host.EndsWith(Name, StringComparison.OrdinalIgnoreCase) && host.Length > Name.Length
            : string.Equals(host, Name, StringComparison.OrdinalIgnoreCase);

        public bool Admits(int port) => Port is { } named ? port == named : !Wildcard || WebPorts.Contains(port);
    }
}
