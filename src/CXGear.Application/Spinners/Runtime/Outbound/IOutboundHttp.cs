namespace CXGear.Application.Spinners.Runtime.Outbound;

/// <summary>
/// The api_call step's only way out. The implementation owns the safety rules (allow-listed hosts, no private or
/// loopback addresses, timeouts, retries, a capped response body), so no step can skip them.
/// </summary>
public interface IOutboundHttp
{
    /// <summary>
    /// Sends the request and returns the final response after retries, whatever its status.
    /// Throws <see cref="OutboundRefusedException"/> when policy forbids the destination (nothing was sent to it) and
    /// <see cref="OutboundFailedException"/> when no response came back (timeouts, connection failures).
    /// </summary>
    Task<OutboundResponse> SendAsync(OutboundRequest request, CancellationToken cancellationToken);
}
