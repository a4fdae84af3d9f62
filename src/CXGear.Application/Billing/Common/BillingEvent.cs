using System.Globalization;
using System.Text.Json;
using CXGear.Domain.Billing;

namespace CXGear.Application.Billing.Common;

/// <summary>
/// A provider's webhook event, read into what plans need: its id and time, whom it is about (the Stripe customer or
/// the Razorpay subscription, plus the organization id we noted on it) and, when it reports a subscription's state,
/// that state. The organization id alone never decides whose plan moves: it must agree with the stored customer or
/// subscription.
/// </summary>
public sealed record BillingEvent(
    string Provider,
    string Id,
    string Type,
    DateTime OccurredAt,
    string? CustomerId,
    string? SubscriptionId,
    Guid? OrganizationHint,
    SubscriptionUpdate? Update);

/// <summary>Reading helpers over provider JSON, which mixes strings, numbers and nulls freely.</summary>
internal static class Json
{
    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    public static JsonElement Child(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) ? value : default;

    public static DateTime? UnixTime(JsonElement element, string property) =>
        long.TryParse(Text(element, property), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;

    public static bool Flag(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    public static Guid? Organization(params string?[] candidates) =>
        candidates.Select(c => Guid.TryParse(c, out var id) ? id : (Guid?)null).FirstOrDefault(id => id is not null);
}
