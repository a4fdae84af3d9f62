namespace CXGear.Application.Spinners.Runtime.Outbound;

/// <summary>
/// The deployment's rule on where the runtime may send requests (scheme and host allow-list), asked before a URL is
/// saved, so a setting that every record would be refused at is a 400 instead.
/// </summary>
public interface IOutboundTargetPolicy
{
    /// <summary>Why <paramref name="url"/> may not be used, or null when it may.</summary>
    string? Problem(Uri url);
}
