using CXGear.Domain.Billing;
using CXGear.Domain.Channels;
using CXGear.Domain.Common;

namespace CXGear.Domain.Tests.Channels;

public sealed class ChannelTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Org = Guid.NewGuid();
    private static readonly Guid By = Guid.NewGuid();

    [Test]
    public void A_channel_holds_one_Channels_unit_of_its_organization()
    {
        var channel = Channel.ConnectWhatsApp(Org, new WhatsAppNumber("1055", "+1 555-0100", "Acme"), "2077", "protected", By, Now);

        Assert.That(channel.HeldUnits(), Is.EqualTo(new[] { new MeterChange(Org, Meter.Channels, 1) }));
        Assert.That((channel.Kind, channel.DisplayName, channel.PhoneNumber, channel.PhoneNumberId, channel.WabaId), Is.EqualTo(("whatsapp", "Acme", "+1 555-0100", "1055", "2077")));
    }

    [Test]
    public void A_number_without_a_verified_name_shows_its_phone_number()
    {
        var channel = Channel.ConnectWhatsApp(Org, new WhatsAppNumber("1055", "+1 555-0100", " "), "2077", "protected", By, Now);

        Assert.That(channel.DisplayName, Is.EqualTo("+1 555-0100"));
    }

    [Test]
    public void Reconnecting_replaces_the_token_and_names_but_only_for_the_same_number()
    {
        var channel = Channel.ConnectWhatsApp(Org, new WhatsAppNumber("1055", "+1 555-0100", "Acme"), "2077", "old", By, Now);

        channel.Reconnect(new WhatsAppNumber("1055", "+1 555-0100", "Acme Support"), "2077", "new", By, Now.AddDays(1));

        Assert.That((channel.ProtectedToken, channel.DisplayName, channel.ConnectedAt), Is.EqualTo(("new", "Acme Support", Now.AddDays(1))));
        Assert.Throws<InvalidOperationException>(() => channel.Reconnect(new WhatsAppNumber("9999", "+1 555-0199", null), "2077", "new", By, Now));
    }

    [Test]
    public void A_provider_answer_without_a_number_is_refused()
    {
        var error = Assert.Throws<CXGearException>(() => Channel.ConnectWhatsApp(Org, new WhatsAppNumber("1055", "", "Acme"), "2077", "protected", By, Now));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void A_connect_state_lives_ten_minutes_and_is_spent_once_used_or_expired()
    {
        var state = ChannelConnectState.Issue("hash", Org, By, "https://api.test/cb", Now);

        Assert.That(state.ExpiresAt, Is.EqualTo(Now.AddMinutes(10)));
        Assert.That(ChannelConnectState.Spent.IsSatisfiedBy(state, Now.AddMinutes(10).AddTicks(-1)), Is.False);
        Assert.That(ChannelConnectState.Spent.IsSatisfiedBy(state, Now.AddMinutes(10)), Is.True);
    }
}
