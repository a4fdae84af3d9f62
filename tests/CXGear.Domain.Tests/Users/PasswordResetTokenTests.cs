using CXGear.Domain.Users;

namespace CXGear.Domain.Tests.Users;

public sealed class PasswordResetTokenTests
{
    private static readonly DateTime Now = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    private static PasswordResetToken NewToken() => PasswordResetToken.Issue(Guid.NewGuid(), "hash", Now);

    [Test]
    public void Issue_records_the_hash_and_a_one_hour_expiry()
    {
        var userId = Guid.NewGuid();

        var token = PasswordResetToken.Issue(userId, "abc123", Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.UserId, Is.EqualTo(userId));
            Assert.That(token.TokenHash, Is.EqualTo("abc123"));
            Assert.That(token.CreatedAt, Is.EqualTo(Now));
            Assert.That(token.ExpiresAt, Is.EqualTo(Now.AddHours(1)));
            Assert.That(token.UsedAt, Is.Null);
        }
    }

    [Test]
    public void A_token_is_usable_within_the_hour()
    {
        var token = NewToken();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.IsUsableAt(Now), Is.True);
            Assert.That(token.IsUsableAt(Now.AddMinutes(59).AddSeconds(59)), Is.True);
        }
    }

    [Test]
    public void A_token_is_not_usable_at_or_after_one_hour()
    {
        var token = NewToken();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.IsUsableAt(Now.AddHours(1)), Is.False);
            Assert.That(token.IsUsableAt(Now.AddHours(2)), Is.False);
        }
    }

    [Test]
    public void Retire_makes_the_token_unusable()
    {
        var token = NewToken();

        token.Retire(Now.AddMinutes(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.IsUsableAt(Now.AddMinutes(6)), Is.False);
            Assert.That(token.UsedAt, Is.EqualTo(Now.AddMinutes(5)));
        }
    }

    [Test]
    public void Retire_keeps_the_first_time()
    {
        var token = NewToken();
        token.Retire(Now.AddMinutes(5));

        token.Retire(Now.AddMinutes(30));

        Assert.That(token.UsedAt, Is.EqualTo(Now.AddMinutes(5)));
    }
}
