using CXGear.Domain.Sessions;

namespace CXGear.Domain.Tests.Sessions;

public sealed class SessionPolicyTests
{
    private static readonly DateTime Start = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    [Test]
    public void A_fresh_session_is_live()
    {
        Assert.That(SessionPolicy.Evaluate(Start, Start, null, Start), Is.EqualTo(SessionState.Live));
    }

    [Test]
    public void An_active_session_is_live_just_before_twelve_hours()
    {
        var now = Start + SessionPolicy.AbsoluteLifetime - TimeSpan.FromSeconds(1);

        Assert.That(SessionPolicy.Evaluate(Start, now - TimeSpan.FromMinutes(5), null, now), Is.EqualTo(SessionState.Live));
    }

    [Test]
    public void An_active_session_expires_at_exactly_twelve_hours()
    {
        var now = Start.AddHours(12);

        Assert.That(SessionPolicy.Evaluate(Start, now - TimeSpan.FromMinutes(1), null, now), Is.EqualTo(SessionState.Expired));
    }

    [Test]
    public void A_session_is_live_just_before_two_idle_hours()
    {
        var now = Start.AddHours(2) - TimeSpan.FromSeconds(1);

        Assert.That(SessionPolicy.Evaluate(Start, Start, null, now), Is.EqualTo(SessionState.Live));
    }

    [Test]
    public void A_session_expires_after_two_idle_hours()
    {
        var lastActive = Start.AddHours(3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SessionPolicy.Evaluate(Start, lastActive, null, lastActive.AddHours(2)), Is.EqualTo(SessionState.Expired));
            Assert.That(SessionPolicy.Evaluate(Start, lastActive, null, lastActive.AddHours(2).AddMinutes(1)), Is.EqualTo(SessionState.Expired));
        }
    }

    [TestCase(SessionEndReason.Expired, SessionState.Expired)]
    [TestCase(SessionEndReason.Replaced, SessionState.Replaced)]
    [TestCase(SessionEndReason.LoggedOut, SessionState.Revoked)]
    [TestCase(SessionEndReason.PasswordReset, SessionState.Revoked)]
    [TestCase(SessionEndReason.PasswordChanged, SessionState.Revoked)]
    [TestCase(SessionEndReason.UserDisabled, SessionState.Revoked)]
    [TestCase(SessionEndReason.AdminAction, SessionState.Revoked)]
    [TestCase(SessionEndReason.RefreshTokenReused, SessionState.Revoked)]
    public void An_end_reason_maps_to_its_state(SessionEndReason reason, SessionState expected)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SessionStates.FromEndReason(reason), Is.EqualTo(expected));
            Assert.That(SessionPolicy.Evaluate(Start, Start, reason, Start.AddMinutes(1)), Is.EqualTo(expected));
        }
    }

    [Test]
    public void An_ended_session_reports_its_reason_even_after_timing_out()
    {
        Assert.That(SessionPolicy.Evaluate(Start, Start, SessionEndReason.Replaced, Start.AddDays(1)), Is.EqualTo(SessionState.Replaced));
    }

    [TestCase(SessionState.Expired, "SESSION_EXPIRED")]
    [TestCase(SessionState.Revoked, "SESSION_REVOKED")]
    [TestCase(SessionState.Replaced, "SESSION_REPLACED")]
    public void A_dead_state_becomes_its_error_code(SessionState state, string code)
    {
        Assert.That(state.ToException().Code, Is.EqualTo(code));
    }

    [Test]
    public void A_live_state_is_not_an_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionState.Live.ToException());
    }
}
