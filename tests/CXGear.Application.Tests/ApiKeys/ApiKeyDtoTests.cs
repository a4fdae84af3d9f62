using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Security;
using CXGear.Domain.ApiKeys;

namespace CXGear.Application.Tests.ApiKeys;

public sealed class ApiKeyDtoTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static ApiKey NewKey(DateTime? expiresAt = null)
    {
        var issued = SecretFormat.ApiKey.Generate();
        return ApiKey.Create(Guid.NewGuid(), "CRM", [ApiKeyScopes.Ingest], expiresAt, issued.LookupPrefix, issued.Hash, Guid.NewGuid(), Now);
    }

    private static string StatusAt(ApiKey key, DateTime at) => ApiKeyDto.From(key, at).Status;

    [Test]
    public void A_fresh_key_is_active()
    {
        Assert.That(StatusAt(NewKey(Now.AddDays(1)), Now), Is.EqualTo("active"));
    }

    [Test]
    public void A_revoked_key_is_revoked_even_after_the_expiry_it_never_reached()
    {
        var key = NewKey(Now.AddDays(1));
        key.Revoke(Guid.NewGuid(), "leaked", Now.AddHours(1));

        Assert.That(StatusAt(key, Now.AddHours(2)), Is.EqualTo("revoked"));
        Assert.That(StatusAt(key, Now.AddDays(2)), Is.EqualTo("revoked"));
    }

    [Test]
    public void An_expired_key_is_expired_before_and_after_the_sweep_marks_it()
    {
        var expiresAt = Now.AddHours(1);
        var key = NewKey(expiresAt);

        var beforeSweep = StatusAt(key, Now.AddHours(2));
        // The create-time sweep sets RevokedAt to the expiry instant; the key must not turn into "revoked" by it.
        key.Revoke(null, "expired", expiresAt);

        Assert.That(beforeSweep, Is.EqualTo("expired"));
        Assert.That(StatusAt(key, Now.AddHours(2)), Is.EqualTo("expired"));
    }

    [Test]
    public void A_rotated_key_is_rotating_during_its_grace_and_revoked_after()
    {
        var key = NewKey();
        var issued = SecretFormat.ApiKey.Generate();
        var successor = key.Rotate(TimeSpan.FromMinutes(5), issued.LookupPrefix, issued.Hash, null, Now);

        Assert.That(StatusAt(key, Now.AddMinutes(4)), Is.EqualTo("rotating"));
        Assert.That(StatusAt(key, Now.AddMinutes(5)), Is.EqualTo("revoked"));
        Assert.That(StatusAt(successor, Now.AddMinutes(5)), Is.EqualTo("active"));
    }

    [Test]
    public void The_dto_of_a_created_key_never_prints_its_secret()
    {
        var issued = SecretFormat.ApiKey.Generate();
        var created = new CreatedApiKeyDto(ApiKeyDto.From(NewKey(), Now), issued.Secret);

        Assert.That(created.ToString(), Does.Not.Contain(issued.Secret[12..]));
        Assert.That($"{created}", Does.Not.Contain(issued.Secret[12..]));
    }
}
