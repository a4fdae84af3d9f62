using CXGear.Domain.Channels;

namespace CXGear.Domain.Tests.Channels;

public sealed class ChannelMessageTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static ChannelMessage Outbound() =>
        ChannelMessage.Outbound(Guid.NewGuid(), Guid.NewGuid(), "wamid.1", "+1 555-0100", "15551230001", "welcome", Guid.NewGuid(), Guid.NewGuid(), "w1", Now);

    [Test]
    public void Statuses_move_forward_only_and_a_repeated_one_changes_nothing()
    {
        var message = Outbound();

        Assert.That(message.AdvanceTo(MessageStatus.Delivered, Now.AddSeconds(2), null), Is.True);
        Assert.That(message.AdvanceTo(MessageStatus.Sent, Now.AddSeconds(1), null), Is.False, "older");
        Assert.That(message.AdvanceTo(MessageStatus.Delivered, Now.AddSeconds(3), null), Is.False, "redelivered");
        Assert.That((message.Status, message.StatusAt), Is.EqualTo((MessageStatus.Delivered, Now.AddSeconds(2))));
        Assert.That(message.AdvanceTo(MessageStatus.Read, Now.AddSeconds(4), null), Is.True);
    }

    [Test]
    public void Failed_ends_it_from_anywhere_and_nothing_moves_it_again()
    {
        var message = Outbound();
        message.AdvanceTo(MessageStatus.Read, Now, null);

        Assert.That(message.AdvanceTo(MessageStatus.Failed, Now.AddSeconds(1), "131026: Message undeliverable"), Is.True);
        Assert.That(message.AdvanceTo(MessageStatus.Failed, Now.AddSeconds(2), "other"), Is.False);
        Assert.That(message.AdvanceTo(MessageStatus.Read, Now.AddSeconds(3), null), Is.False);
        Assert.That((message.Status, message.Error), Is.EqualTo((MessageStatus.Failed, "131026: Message undeliverable")));
    }

    [Test]
    public void An_inbound_message_has_no_delivery_status_to_move()
    {
        var message = ChannelMessage.Inbound(Guid.NewGuid(), Guid.NewGuid(), "wamid.2", "15551230001", "+1 555-0100", "text", "Hi", Now, Now);

        Assert.That(message.AdvanceTo(MessageStatus.Read, Now, null), Is.False);
        Assert.That(message.Status, Is.EqualTo(MessageStatus.Received));
    }

    [Test]
    public void A_delivery_waits_for_its_messages_ten_minutes_backing_off_up_to_a_minute()
    {
        var delivery = ChannelWebhookDelivery.Receive("{}", Now);

        delivery.Postpone(Now);
        Assert.That(delivery.NextAttemptAt, Is.EqualTo(Now.AddSeconds(1)));
        delivery.Postpone(Now);
        Assert.That(delivery.NextAttemptAt, Is.EqualTo(Now.AddSeconds(2)));
        Assert.That(delivery.MayStillWait(Now.AddMinutes(9)), Is.True);
        Assert.That(delivery.MayStillWait(Now.AddMinutes(10)), Is.False);
        Assert.That(ChannelWebhookDelivery.Due.IsSatisfiedBy(delivery, Now.AddSeconds(2)), Is.True);
        delivery.Finish(DeliveryOutcomes.Applied, Now.AddSeconds(2));
        Assert.That(ChannelWebhookDelivery.Due.IsSatisfiedBy(delivery, Now.AddHours(1)), Is.False);
    }
}
