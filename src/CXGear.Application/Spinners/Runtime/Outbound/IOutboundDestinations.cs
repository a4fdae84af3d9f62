namespace CXGear.Application.Spinners.Runtime.Outbound;

/// <summary>
/// The deployment's rules for where api_call may go (allow-listed hosts and ports, no private or loopback address),
/// for the checks that happen before any request: when a definition is saved, and before each call. The address a
/// host name resolves to is judged only at connect time, by <see cref="IOutboundHttp"/>, since DNS can change.
/// </summary>
public interface IOutboundDestinations
{
    /// <summary>
    /// Why a call to <paramref name="url"/> could never be made, as far as is known without DNS: its host is an IP
    /// literal in a blocked range (however an IPv6 literal carries it), or the host is on the allow-list and no entry
    /// for it admits the port. Null when it may be reachable; a host not on the allow-list is not refused here, since
    /// the list is the deployment's and may grow before the spinner runs.
    /// </summary>
    string? RefusalAtSave(Uri url);

    /// <summary>Why a call to <paramref name="url"/> is refused now: host or port not admitted by the allow-list; null when admitted.</summary>
    string? RefusalBeforeCall(Uri url);
}
