using System.Globalization;
using System.Text.Json;
using CXGear.Domain.Channels;

namespace CXGear.Application.Channels.Webhooks;

/// <summary>
/// Reads Meta's webhook body (<c>{object: "whatsapp_business_account", entry: [{changes: [{field: "messages", value}]}]}</c>)
/// into the parts the applier uses: per phone number id, delivery statuses and inbound messages. Anything else in
/// the body (contacts, errors of the account, other fields) is skipped.
/// </summary>
internal static class WhatsAppEvents
{
    public sealed record Change(string PhoneNumberId, IReadOnlyList<StatusEvent> Statuses, IReadOnlyList<InboundEvent> Messages);

    public sealed record StatusEvent(string MessageId, MessageStatus Status, DateTime At, string? Error);

    public sealed record InboundEvent(string MessageId, string From, string Type, string? Text, DateTime At);

    /// <summary>The changes, or null when the body is not JSON of a WhatsApp Business account.</summary>
    public static IReadOnlyList<Change>? Parse(string body, DateTime now)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "object") != "whatsapp_business_account")
            {
                return null;
            }

            var changes = new List<Change>();
            foreach (var entry in Array(root, "entry"))
            {
                foreach (var change in Array(entry, "changes"))
                {
                    if (String(change, "field") != "messages" || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var phoneNumberId = value.TryGetProperty("metadata", out var metadata) ? String(metadata, "phone_number_id") : null;
                    if (string.IsNullOrEmpty(phoneNumberId))
                    {
                        continue;
                    }

                    changes.Add(new Change(phoneNumberId, Statuses(value, now), Messages(value, now)));
                }
            }

            return changes;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<StatusEvent> Statuses(JsonElement value, DateTime now)
    {
        var statuses = new List<StatusEvent>();
        foreach (var item in Array(value, "statuses"))
        {
            var id = String(item, "id");
            MessageStatus? status = String(item, "status") switch
            {
                "sent" => MessageStatus.Sent,
                "delivered" => MessageStatus.Delivered,
                "read" => MessageStatus.Read,
                "failed" => MessageStatus.Failed,
                _ => null,
            };
            if (id is null || status is null)
            {
                continue;
            }

            var error = Array(item, "errors").Select(e => (Code: Number(e, "code"), Title: String(e, "title") ?? String(e, "message"))).FirstOrDefault();
            var text = error.Code is null && error.Title is null ? null : $"{error.Code}: {error.Title}".Trim(' ', ':');
            statuses.Add(new StatusEvent(id, status.Value, Time(item, now), text));
        }

        return statuses;
    }

    private static List<InboundEvent> Messages(JsonElement value, DateTime now)
    {
        var messages = new List<InboundEvent>();
        foreach (var item in Array(value, "messages"))
        {
            var id = String(item, "id");
            var from = String(item, "from");
            if (id is null || from is null)
            {
                continue;
            }

            var type = String(item, "type") ?? "unknown";
            var text = type switch
            {
                "text" when item.TryGetProperty("text", out var body) => String(body, "body"),
                "button" when item.TryGetProperty("button", out var button) => String(button, "text"),
                _ => null,
            };
            messages.Add(new InboundEvent(id, from, type, text, Time(item, now)));
        }

        return messages;
    }

    /// <summary>Meta's <c>timestamp</c> (Unix seconds, as a string); when it is missing or odd, the time we applied it.</summary>
    private static DateTime Time(JsonElement item, DateTime now) =>
        long.TryParse(String(item, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : now;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.String => value.GetString(),
                _ => null,
            }
            : null;
}
