using CXGear.Domain.Webhooks;

namespace CXGear.Application.Webhooks.Common;

/// <summary>
/// An endpoint as every read shows it: never its secret. <c>disabledReason</c> says why the dispatcher turned it off
/// (every delivery failing for <c>Webhooks:DisableAfterDays</c>); <c>failingSince</c> warns before that happens.
/// </summary>
public sealed record WebhookEndpointDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTime? DisabledAt,
    DateTime? FailingSince,
    DateTime? PreviousSecretExpiresAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static WebhookEndpointDto From(WebhookEndpoint e) => new(
        e.Id, e.Url, e.EventList, e.Description, e.Enabled, e.DisabledReason, e.DisabledAt, e.FailingSince, e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt);
}

/// <summary>All of the organization's endpoints (at most <see cref="WebhookEndpoint.MaxPerOrganization"/>).</summary>
public sealed record WebhookEndpointList(IReadOnlyList<WebhookEndpointDto> Items);

/// <summary>
/// The one answer that carries a signing secret (create and rotate): copy it now, it is not shown again. After a
/// rotation <c>previousSecretExpiresAt</c> says until when the old secret still signs beside it.
/// </summary>
public sealed record WebhookSecretDto(string Secret, WebhookEndpointDto Endpoint)
{
    public override string ToString() => $"WebhookSecretDto {{ Secret = {WebhookSecret.Prefix}…, Endpoint = {Endpoint.Id} }}";
}
