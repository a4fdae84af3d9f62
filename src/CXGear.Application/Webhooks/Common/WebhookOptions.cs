namespace CXGear.Application.Webhooks.Common;

/// <summary><c>Webhooks</c>: how outbound webhooks are sent (docs/decisions/0034-outbound-webhooks.md).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets endpoints use plain http and reach private, loopback or link-local addresses. Off in production (an
    /// endpoint URL is a customer's choice, so the server's own network is off limits); tests and local development
    /// turn it on for a receiver on this machine.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>One attempt's limit, connect to last response byte; a slower receiver counts as a failure.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>An endpoint whose every attempt has failed for this long is disabled, with the reason shown.</summary>
    public double DisableAfterDays { get; set; } = 5;

    /// <summary>Deliveries this instance sends at once.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>Of those, at most this many of one organization, so a slow receiver leaves room for the others.</summary>
    public int MaxConcurrentPerOrganization { get; set; } = 4;

    /// <summary>How long a claim holds; a delivery whose instance died is claimed again after it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How long the log keeps a delivery after it ended, with its attempts (and its message, once no delivery needs it).</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often an idle dispatcher looks for due deliveries (events from other instances, retries).</summary>
    public int PollIntervalMilliseconds { get; set; } = 1_000;
}
