using CXGear.Domain.Billing;
using CXGear.Domain.Common;

namespace CXGear.Domain.Channels;

/// <summary>
/// One phone number of a WhatsApp Business account an organization connected through Meta. The access token is held
/// only as the application's cipher wrote it (<see cref="ProtectedToken"/>); <see cref="PhoneNumberId"/> is unique
/// across organizations, so a webhook event names exactly one owner.
/// </summary>
public sealed class Channel : IHoldsMeterUnits
{
    public const int MaxDisplayNameLength = 200;
    public const int MaxPhoneNumberLength = 32;
    public const int MaxProviderIdLength = 64;

    private Channel()
    {
        Kind = ChannelKinds.WhatsApp;
        DisplayName = string.Empty;
        PhoneNumber = string.Empty;
        PhoneNumberId = string.Empty;
        WabaId = string.Empty;
        ProtectedToken = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Kind { get; private set; }
    public string DisplayName { get; private set; }

    /// <summary>The number as Meta displays it (<c>+1 555-010-0001</c>).</summary>
    public string PhoneNumber { get; private set; }

    /// <summary>Meta's id of the number: the sender of messages and the key of webhook events.</summary>
    public string PhoneNumberId { get; private set; }

    /// <summary>The WhatsApp Business account the number belongs to.</summary>
    public string WabaId { get; private set; }

    /// <summary>The business's access token, encrypted (a purpose per organization, like vault values).</summary>
    public string ProtectedToken { get; private set; }

    public ChannelStatus Status { get; private set; }
    public DateTime ConnectedAt { get; private set; }
    public Guid ConnectedByUserId { get; private set; }

    /// <summary>When a webhook event about this number was last applied.</summary>
    public DateTime? LastEventAt { get; private set; }

    public static Channel ConnectWhatsApp(
        Guid organizationId, WhatsAppNumber number, string wabaId, string protectedToken, Guid by, DateTime now)
    {
        var channel = new Channel
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            PhoneNumberId = Required(number.PhoneNumberId, "phone number id", MaxProviderIdLength),
        };
        channel.Reconnect(number, wabaId, protectedToken, by, now);
        return channel;
    }

    /// <summary>A channel holds one Channels unit from its connection to its deletion.</summary>
    public IEnumerable<MeterChange> HeldUnits() => [new MeterChange(OrganizationId, Meter.Channels, 1)];

    /// <summary>
    /// Connecting a number the organization already holds refreshes its token and names (no second unit is taken):
    /// the way to recover from a token Meta revoked.
    /// </summary>
    public void Reconnect(WhatsAppNumber number, string wabaId, string protectedToken, Guid by, DateTime now)
    {
        if (number.PhoneNumberId != PhoneNumberId)
        {
            throw new InvalidOperationException("A channel is reconnected with its own phone number only.");
        }

        var phone = Required(number.DisplayPhoneNumber, "phone number", MaxPhoneNumberLength);
        var name = string.IsNullOrWhiteSpace(number.VerifiedName) ? phone : number.VerifiedName.Trim();
        DisplayName = name.Length > MaxDisplayNameLength ? name[..MaxDisplayNameLength] : name;
        PhoneNumber = phone;
        WabaId = Required(wabaId, "business account id", MaxProviderIdLength);
        ProtectedToken = string.IsNullOrEmpty(protectedToken) ? throw new ArgumentException("The token is required.", nameof(protectedToken)) : protectedToken;
        Status = ChannelStatus.Connected;
        ConnectedAt = now;
        ConnectedByUserId = by;
    }

    /// <summary>A webhook event about this number was applied.</summary>
    public void RecordEvent(DateTime now)
    {
        if (LastEventAt is null || LastEventAt < now)
        {
            LastEventAt = now;
        }
    }

    private static string Required(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        return trimmed is { Length: > 0 } && trimmed.Length <= maxLength
            ? trimmed
            : throw new CXGearException(ErrorCodes.ValidationError, $"The provider sent no usable {what}.");
    }
}

/// <summary>A phone number as the provider lists it for a business account.</summary>
public sealed record WhatsAppNumber
{
    public WhatsAppNumber(string phoneNumberId, string displayPhoneNumber, string? verifiedName)
    {
        PhoneNumberId = phoneNumberId;
        DisplayPhoneNumber = displayPhoneNumber;
        VerifiedName = verifiedName;
    }

    public string PhoneNumberId { get; }

    public string DisplayPhoneNumber { get; }

    public string? VerifiedName { get; }
}

public static class ChannelKinds
{
    public const string WhatsApp = "whatsapp";
}

public enum ChannelStatus
{
    Connected = 0,
}
