using CXGear.Domain.Sessions;

namespace CXGear.Domain.Tests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTime Start = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    private static Session NewSession() => Session.Start(Guid.NewGuid(), Guid.NewGuid(), "Chrome on macOS", "203.0.113.7", Start);

    [Test]
    public void Start_opens_a_live_session_with_lifetimes_from_now()
    {
        var session = NewSession();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.StateAt(Start), Is.EqualTo(SessionState.Live));
            Assert.That(session.LastActiveAt, Is.EqualTo(Start));
            Assert.That(session.ExpiresAt, Is.EqualTo(Start.AddHours(12)));
            Assert.That(session.EndReason, Is.Null);
            Assert.That(session.EndedAt, Is.Null);
            Assert.That(session.Id, Is.Not.EqualTo(NewSession().Id));
        }
    }

    [Test]
    public void StateAt_is_expired_at_exactly_twelve_hours_even_when_active()
    {
        var session = NewSession();
        for (var t = Start; t < Start.AddHours(12); t = t.AddHours(1))
        {
            session.Touch(t);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.StateAt(Start.AddHours(12).AddTicks(-1)), Is.EqualTo(SessionState.Live));
            Assert.That(session.StateAt(Start.AddHours(12)), Is.EqualTo(SessionState.Expired));
        }
    }

    [Test]
    public void StateAt_is_expired_after_two_idle_hours()
    {
        var session = NewSession();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.IsLiveAt(Start.AddHours(2).AddTicks(-1)), Is.True);
            Assert.That(session.StateAt(Start.AddHours(2)), Is.EqualTo(SessionState.Expired));
        }
    }

    [Test]
    public void End_records_the_reason_and_time()
    {
        var session = NewSession();
        var now = Start.AddMinutes(30);

        session.End(SessionEndReason.LoggedOut, now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.EndReason, Is.EqualTo(SessionEndReason.LoggedOut));
            Assert.That(session.EndedAt, Is.EqualTo(now));
            Assert.That(session.StateAt(now), Is.EqualTo(SessionState.Revoked));
        }
    }

    [Test]
    public void End_keeps_the_first_reason()
    {
        var session = NewSession();
        session.End(SessionEndReason.Replaced, Start.AddMinutes(10));

        session.End(SessionEndReason.LoggedOut, Start.AddMinutes(20));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.EndReason, Is.EqualTo(SessionEndReason.Replaced));
            Assert.That(session.EndedAt, Is.EqualTo(Start.AddMinutes(10)));
            Assert.That(session.StateAt(Start.AddMinutes(20)), Is.EqualTo(SessionState.Replaced));
        }
    }

    [Test]
    public void End_on_an_idle_timed_out_session_records_expired_at_the_moment_it_expired()
    {
        var session = NewSession();
        session.Touch(Start.AddHours(1));

        session.End(SessionEndReason.LoggedOut, Start.AddHours(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.EndReason, Is.EqualTo(SessionEndReason.Expired));
            Assert.That(session.EndedAt, Is.EqualTo(Start.AddHours(3)));
        }
    }

    [Test]
    public void End_on_a_session_past_its_absolute_lifetime_records_expired_at_twelve_hours()
    {
        var session = NewSession();
        session.Touch(Start.AddHours(11));

        session.End(SessionEndReason.Replaced, Start.AddHours(12).AddMinutes(30));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.EndReason, Is.EqualTo(SessionEndReason.Expired));
            Assert.That(session.EndedAt, Is.EqualTo(Start.AddHours(12)));
        }
    }

    [Test]
    public void Touch_moves_last_active_forward()
    {
        var session = NewSession();

        session.Touch(Start.AddMinutes(45));

        Assert.That(session.LastActiveAt, Is.EqualTo(Start.AddMinutes(45)));
    }

    [Test]
    public void Touch_never_moves_last_active_backwards()
    {
        var session = NewSession();
        session.Touch(Start.AddMinutes(45));

        session.Touch(Start.AddMinutes(10));

        Assert.That(session.LastActiveAt, Is.EqualTo(Start.AddMinutes(45)));
    }

    [Test]
    public void IsSameDevice_needs_both_label_and_ip_to_match_exactly()
    {
        var session = NewSession();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.IsSameDevice("Chrome on macOS", "203.0.113.7"), Is.True);
            Assert.That(session.IsSameDevice("Chrome on macOS", "203.0.113.8"), Is.False);
            Assert.That(session.IsSameDevice("Safari on macOS", "203.0.113.7"), Is.False);
            Assert.That(session.IsSameDevice("chrome on macos", "203.0.113.7"), Is.False);
        }
    }

    [Test]
    public void IsSameDevice_compares_a_long_label_as_it_was_stored()
    {
        var longLabel = new string('x', Session.MaxDeviceLabelLength + 20);
        var session = Session.Start(Guid.NewGuid(), Guid.NewGuid(), longLabel, "198.51.100.1", Start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.DeviceLabel, Has.Length.EqualTo(Session.MaxDeviceLabelLength));
            Assert.That(session.IsSameDevice(longLabel, "198.51.100.1"), Is.True);
        }
    }
}
