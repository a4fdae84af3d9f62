namespace CXGear.Infrastructure.Spinners.Outbound;

/// <summary><c>Runtime:Outbound</c>: where api_call steps may go, and how long and how often they try.</summary>
public sealed class OutboundHttpOptions
{
    public const string Section = "Runtime:Outbound";

    /// <summary>
    /// Host names (or IP literals) api_call may reach; <c>*.example.com</c> admits subdomains of example.com (not
    /// example.com itself). Empty, the default, admits none: outbound calls are opt-in per deployment. An entry may
    /// name a port (<c>api.example.com:8443</c>, <c>[::1]:8080</c>) and then admits that port only; without one, a
    /// wildcard admits 80 and 443 and an exact host any port (<see cref="HostAllowList"/>).
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Lets allowed hosts resolve to private, loopback or link-local addresses. Off in production; tests turn it on for a loopback server.</summary>
    public bool AllowPrivateNetworks { get; set; }

    public int AttemptTimeoutSeconds { get; set; } = 10;

    public int TotalTimeoutSeconds { get; set; } = 30;

    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    public int MaxResponseBytes { get; set; } = 64 * 1024;
}
