namespace CXGear.Infrastructure.Spinners.Outbound;

/// <summary>Exact host names, plus <c>*.suffix</c> entries that admit any subdomain of the suffix. Case-insensitive.</summary>
public sealed class HostAllowList(IEnumerable<string> entries)
{
    private readonly HashSet<string> _exact = new(entries.Where(e => !e.StartsWith("*.", StringComparison.Ordinal)).Select(Normalise), StringComparer.OrdinalIgnoreCase);
    private readonly string[] _suffixes = entries.Where(e => e.StartsWith("*.", StringComparison.Ordinal)).Select(e => Normalise(e[1..])).ToArray();

    public bool Allows(string host)
    {
        var name = Normalise(host);
        return _exact.Contains(name) || _suffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase) && name.Length > s.Length);
    }

    /// <summary>Trailing dots and IPv6 brackets would otherwise let <c>api.example.com.</c> or <c>[::1]</c> miss an entry that means the same host.</summary>
    private static string Normalise(string host) => host.Trim().TrimEnd('.').Trim('[', ']');
}
