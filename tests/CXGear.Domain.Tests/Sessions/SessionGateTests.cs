using CXGear.Domain.Common;
using CXGear.Domain.Sessions;

namespace CXGear.Domain.Tests.Sessions;

public sealed class SessionGateTests
{
    private const string Label = "Chrome on macOS";
    private const string Ip = "203.0.113.7";
    private static readonly DateTime Start = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = Start.AddMinutes(30);

    private static Session Open(string label = Label, string ip = Ip, DateTime? at = null) =>
        Session.Start(Guid.NewGuid(), Guid.NewGuid(), label, ip, at ?? Start);

    [Test]
    public void No_sessions_admits_without_error()
    {
        Assert.DoesNotThrow(() => SessionGate.Admit([], Label, Ip, takeover: false, Now));
    }

    [Test]
    public void A_live_session_on_the_same_device_and_ip_is_replaced_silently()
    {
        var previous = Open();

        SessionGate.Admit([previous], Label, Ip, takeover: false, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(previous.EndReason, Is.EqualTo(SessionEndReason.Replaced));
            Assert.That(previous.EndedAt, Is.EqualTo(Now));
        }
    }

    [Test]
    public void A_live_session_on_another_device_is_a_conflict()
    {
        var previous = Open("Firefox on Windows", "198.51.100.4");
        previous.Touch(Start.AddMinutes(20));

        var error = Assert.Throws<CXGearException>(() => SessionGate.Admit([previous], Label, Ip, takeover: false, Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.SessionConflict));
        var details = error.Extensions["previousSession"] as IDictionary<string, object?>;
        Assert.That(details, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(details!["deviceLabel"], Is.EqualTo("Firefox on Windows"));
            Assert.That(details["ipAddress"], Is.EqualTo("198.51.100.4"));
            Assert.That(details["startedAt"], Is.EqualTo(Start));
            Assert.That(details["lastActiveAt"], Is.EqualTo(Start.AddMinutes(20)));
            Assert.That(previous.EndReason, Is.Null, "a refused sign-in must leave the other session open");
        }
    }

    [Test]
    public void The_same_label_from_another_ip_is_a_conflict()
    {
        var previous = Open(Label, "198.51.100.4");

        var error = Assert.Throws<CXGearException>(() => SessionGate.Admit([previous], Label, Ip, takeover: false, Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.SessionConflict));
    }

    [Test]
    public void Takeover_ends_the_session_on_another_device_as_replaced()
    {
        var previous = Open("Firefox on Windows", "198.51.100.4");

        SessionGate.Admit([previous], Label, Ip, takeover: true, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(previous.EndReason, Is.EqualTo(SessionEndReason.Replaced));
            Assert.That(previous.EndedAt, Is.EqualTo(Now));
        }
    }

    [Test]
    public void An_idle_timed_out_session_elsewhere_is_closed_as_expired_without_conflict()
    {
        var stale = Open("Firefox on Windows", "198.51.100.4");
        var now = Start.AddHours(3);

        Assert.DoesNotThrow(() => SessionGate.Admit([stale], Label, Ip, takeover: false, now));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stale.EndReason, Is.EqualTo(SessionEndReason.Expired));
            Assert.That(stale.EndedAt, Is.EqualTo(Start.AddHours(2)));
        }
    }

    [Test]
    public void A_session_past_twelve_hours_elsewhere_is_closed_as_expired_without_conflict()
    {
        var stale = Open("Firefox on Windows", "198.51.100.4");
        stale.Touch(Start.AddHours(11).AddMinutes(50));

        Assert.DoesNotThrow(() => SessionGate.Admit([stale], Label, Ip, takeover: false, Start.AddHours(12)));
        Assert.That(stale.EndReason, Is.EqualTo(SessionEndReason.Expired));
    }

    [Test]
    public void A_timed_out_session_on_the_same_device_is_expired_not_replaced()
    {
        var stale = Open();

        SessionGate.Admit([stale], Label, Ip, takeover: true, Start.AddHours(4));

        Assert.That(stale.EndReason, Is.EqualTo(SessionEndReason.Expired));
    }

    [Test]
    public void Already_ended_sessions_are_left_alone()
    {
        var ended = Open("Firefox on Windows", "198.51.100.4");
        ended.End(SessionEndReason.LoggedOut, Start.AddMinutes(5));

        Assert.DoesNotThrow(() => SessionGate.Admit([ended], Label, Ip, takeover: false, Now));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ended.EndReason, Is.EqualTo(SessionEndReason.LoggedOut));
            Assert.That(ended.EndedAt, Is.EqualTo(Start.AddMinutes(5)));
        }
    }
}
