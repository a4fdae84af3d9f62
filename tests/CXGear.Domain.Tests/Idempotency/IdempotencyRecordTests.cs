using CXGear.Domain.Idempotency;

namespace CXGear.Domain.Tests.Idempotency;

public sealed class IdempotencyRecordTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public void A_new_claim_is_held_for_its_lease_and_remembered_for_24_hours()
    {
        var record = IdempotencyRecord.Claim("key:1", "k", new byte[32], Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.IsCompleted, Is.False);
            Assert.That(record.IsHeldAt(Now + IdempotencyRecord.Lease - TimeSpan.FromTicks(1)), Is.True);
            Assert.That(record.IsHeldAt(Now + IdempotencyRecord.Lease), Is.False);
            Assert.That(record.IsExpiredAt(Now + TimeSpan.FromHours(24) - TimeSpan.FromTicks(1)), Is.False);
            Assert.That(record.IsExpiredAt(Now + TimeSpan.FromHours(24)), Is.True);
        }
    }

    [Test]
    public void The_key_is_kept_as_a_case_sensitive_hash()
    {
        var lower = IdempotencyRecord.Claim("key:1", "abc", new byte[32], Now);
        var upper = IdempotencyRecord.Claim("key:1", "ABC", new byte[32], Now);

        Assert.That(lower.KeyHash, Is.Not.EqualTo(upper.KeyHash));
        Assert.That(lower.KeyHash, Has.Length.EqualTo(32));
    }

    [Test]
    public void The_request_fingerprint_must_match_byte_for_byte()
    {
        var hash = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var record = IdempotencyRecord.Claim("key:1", "k", hash, Now);
        var other = (byte[])hash.Clone();
        other[31] ^= 1;

        Assert.That(record.Matches(hash), Is.True);
        Assert.That(record.Matches(other), Is.False);
    }

    [Test]
    public void Keys_longer_than_255_characters_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IdempotencyRecord.Claim("key:1", new string('k', 256), new byte[32], Now));
}
