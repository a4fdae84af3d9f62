using CXGear.Domain.Common;

namespace CXGear.Domain.Webhooks;

/// <summary>
/// Where an organization wants its events pushed: a URL, the event types it subscribed to, and its signing secret,
/// held as the application's cipher wrote it (<see cref="ProtectedSecret"/>). After a rotation the previous secret
/// keeps signing beside the new one for <see cref="RotationGrace"/>, so a receiver can switch without losing a message.
/// An endpoint that fails every delivery for the configured window is disabled, with the reason shown to its owners.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxPerOrganization = 20;
    public const int MaxUrlLength = 2_000;
    public const int MaxDescriptionLength = 500;
    public const int MaxReasonLength = 1_000;
    public static readonly TimeSpan RotationGrace = TimeSpan.FromHours(24);

    private WebhookEndpoint()
    {
        Url = string.Empty;
        Events = string.Empty;
        ProtectedSecret = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Url { get; private set; }

    /// <summary>The subscribed types, space-separated, each one of <see cref="WebhookEventTypes.All"/>.</summary>
    public string Events { get; private set; }

    public string? Description { get; private set; }
    public string ProtectedSecret { get; private set; }
    public string? PreviousProtectedSecret { get; private set; }
    public DateTime? PreviousSecretExpiresAt { get; private set; }
    public bool Enabled { get; private set; }

    /// <summary>Why the dispatcher disabled the endpoint; null while enabled or when its owners disabled it.</summary>
    public string? DisabledReason { get; private set; }

    public DateTime? DisabledAt { get; private set; }

    /// <summary>Since when every attempt has failed; cleared by the next success.</summary>
    public DateTime? FailingSince { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public Guid UpdatedByUserId { get; private set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static WebhookEndpoint Create(Guid organizationId, string url, IReadOnlyCollection<string> events, string? description, string protectedSecret, Guid by, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedSecret);
        var endpoint = new WebhookEndpoint
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            ProtectedSecret = protectedSecret,
            Enabled = true,
            CreatedAt = now,
        };
        endpoint.Change(url, events, description, null, by, now);
        return endpoint;
    }

    /// <summary>What a PATCH may change; null leaves a field as it is. Enabling again clears the failure history.</summary>
    public void Change(string? url, IReadOnlyCollection<string>? events, string? description, bool? enabled, Guid by, DateTime now)
    {
        if (url is not null)
        {
            if (UrlProblem(url) is { } problem)
            {
                throw Invalid("url", problem);
            }

            Url = url.Trim();
        }

        if (events is not null)
        {
            if (EventsProblem(events) is { } problem)
            {
                throw Invalid("events", problem);
            }

            Events = string.Join(' ', events.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        if (description is not null)
        {
            var trimmed = description.Trim();
            if (trimmed.Length > MaxDescriptionLength)
            {
                throw Invalid("description", $"'description' is at most {MaxDescriptionLength} characters.");
            }

            Description = trimmed.Length == 0 ? null : trimmed;
        }

        if (enabled is { } on && on != Enabled)
        {
            Enabled = on;
            DisabledAt = on ? null : now;
            DisabledReason = null;
            FailingSince = null;
        }

        UpdatedByUserId = by;
        UpdatedAt = now;
    }

    public bool Subscribes(string type) => EventList.Contains(type, StringComparer.Ordinal);

    /// <summary>The new secret signs from now on; the one it replaces signs beside it until the grace ends.</summary>
    public void RotateSecret(string protectedSecret, Guid by, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedSecret);
        PreviousProtectedSecret = ProtectedSecret;
        PreviousSecretExpiresAt = now + RotationGrace;
        ProtectedSecret = protectedSecret;
        UpdatedByUserId = by;
        UpdatedAt = now;
    }

    /// <summary>The secrets that sign a delivery sent at <paramref name="now"/>: the current one, and the previous one in its grace.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTime now) =>
        PreviousProtectedSecret is { } previous && PreviousSecretExpiresAt > now ? [ProtectedSecret, previous] : [ProtectedSecret];

    public void DeliverySucceeded() => FailingSince = null;

    /// <summary>
    /// Counts a failed attempt; once every attempt has failed for <paramref name="disableAfter"/>, the endpoint is
    /// disabled and says why. True when this failure disabled it.
    /// </summary>
    public bool DeliveryFailed(string error, TimeSpan disableAfter, DateTime now)
    {
        FailingSince ??= now;
        if (!Enabled || now - FailingSince.Value < disableAfter)
        {
            return false;
        }

        Enabled = false;
        DisabledAt = now;
        var reason = $"Disabled after every delivery failed for {disableAfter.TotalDays:0.#} days (since {FailingSince.Value:yyyy-MM-ddTHH:mm:ssZ}); last error: {error}";
        DisabledReason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        return true;
    }

    /// <summary>
    /// An absolute http(s) URL without credentials or fragment, at most <see cref="MaxUrlLength"/> characters. Whether
    /// plain http and private addresses are allowed is the deployment's rule, checked by the application.
    /// </summary>
    public static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "'url' is required.";
        }

        if (url.Trim().Length > MaxUrlLength)
        {
            return $"'url' is at most {MaxUrlLength} characters.";
        }

        return Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0
            ? null
            : "'url' is an absolute https URL without credentials or fragment, e.g. https://crm.example.com/hooks/cxgear.";
    }

    public static string? EventsProblem(IReadOnlyCollection<string>? events)
    {
        if (events is null || events.Count == 0)
        {
            return $"'events' names at least one of {string.Join(", ", WebhookEventTypes.All)}.";
        }

        var unknown = events.Where(e => !WebhookEventTypes.IsKnown(e)).ToList();
        return unknown.Count == 0 ? null : $"Unknown event type(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; known: {string.Join(", ", WebhookEventTypes.All)}.";
    }

    private static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }
}
