using CXGear.Domain.Billing;
using CXGear.Domain.ApiKeys;
using CXGear.Domain.Common;

namespace CXGear.Domain.Tests.ApiKeys;

public sealed class ApiKeyTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Org = Guid.NewGuid();
    private static readonly Guid Creator = Guid.NewGuid();

    private static ApiKey NewKey(DateTime? expiresAt = null, string prefix = "cxg_AAAAAAAA", params string[] scopes) =>
        ApiKey.Create(Org, "CRM", scopes.Length == 0 ? [ApiKeyScopes.Ingest] : scopes, expiresAt, prefix, [1, 2, 3], Creator, Now);

    [Test]
    public void A_key_is_created_with_a_trimmed_name_sorted_distinct_scopes_and_a_time_ordered_id()
    {
        var key = ApiKey.Create(Org, "  Salesforce  ", ["trigger", "ingest", "trigger"], Now.AddDays(1), "cxg_AbCdEfGh", [9, 9], Creator, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.Name, Is.EqualTo("Salesforce"));
            Assert.That(key.Scopes, Is.EqualTo(new[] { "ingest", "trigger" }));
            Assert.That(key.Id.Version, Is.EqualTo(7));
            Assert.That(key.OrganizationId, Is.EqualTo(Org));
            Assert.That(key.Prefix, Is.EqualTo("cxg_AbCdEfGh"));
            Assert.That(key.SecretHash, Is.EqualTo(new byte[] { 9, 9 }));
            Assert.That(key.CreatedByUserId, Is.EqualTo(Creator));
            Assert.That(key.CreatedAt, Is.EqualTo(Now));
            Assert.That(key.ExpiresAt, Is.EqualTo(Now.AddDays(1)));
            Assert.That(key.RevokedAt, Is.Null);
            Assert.That(key.HasScope(ApiKeyScopes.Ingest), Is.True);
            Assert.That(key.HasScope(ApiKeyScopes.Trigger), Is.True);
            Assert.That(key.HasScope("INGEST"), Is.False, "scopes are case-sensitive");
        }
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void A_blank_name_is_refused(string? name)
    {
        var error = Assert.Throws<CXGearException>(() => ApiKey.Create(Org, name!, [ApiKeyScopes.Ingest], null, "cxg_AAAAAAAA", [1], Creator, Now));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void A_name_over_the_maximum_is_refused_and_one_at_the_maximum_is_accepted()
    {
        var error = Assert.Throws<CXGearException>(() => ApiKey.Create(Org, new string('n', ApiKey.MaxNameLength + 1), [ApiKeyScopes.Ingest], null, "cxg_AAAAAAAA", [1], Creator, Now));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(ApiKey.Create(Org, new string('n', ApiKey.MaxNameLength), [ApiKeyScopes.Ingest], null, "cxg_AAAAAAAA", [1], Creator, Now).Name, Has.Length.EqualTo(ApiKey.MaxNameLength));
    }

    [TestCase("")]
    [TestCase("ingest admin")]
    [TestCase("Ingest")]
    [TestCase("ingest ")]
    public void No_scope_or_an_unknown_scope_is_refused(string scopes)
    {
        var list = scopes.Length == 0 ? [] : scopes.Split(' ');

        var error = Assert.Throws<CXGearException>(() => ApiKey.Create(Org, "CRM", list, null, "cxg_AAAAAAAA", [1], Creator, Now));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void An_expiry_that_is_not_in_the_future_is_refused()
    {
        Assert.That(Assert.Throws<CXGearException>(() => NewKey(Now))!.Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(Assert.Throws<CXGearException>(() => NewKey(Now.AddSeconds(-1)))!.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void A_key_works_until_the_instant_it_expires_and_a_key_without_expiry_works_forever()
    {
        var expiring = NewKey(Now.AddHours(1));
        var forever = NewKey();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expiring.IsUsableAt(Now.AddHours(1).AddTicks(-1)), Is.True);
            Assert.That(expiring.IsUsableAt(Now.AddHours(1)), Is.False);
            Assert.That(forever.IsUsableAt(Now.AddYears(50)), Is.True);
        }
    }

    [Test]
    public void Revoking_stops_the_key_records_who_and_why_and_gives_its_meter_place_back()
    {
        var key = NewKey();
        var by = Guid.NewGuid();

        key.Revoke(by, "  leaked in a screenshot  ", Now.AddMinutes(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.DrainMeterChanges(), Is.EqualTo(new[] { new MeterChange(key.OrganizationId, Meter.ApiKeys, -1) }));
            Assert.That(key.RevokedAt, Is.EqualTo(Now.AddMinutes(5)));
            Assert.That(key.RevokedByUserId, Is.EqualTo(by));
            Assert.That(key.RevokedReason, Is.EqualTo("leaked in a screenshot"));
            Assert.That(key.IsUsableAt(Now.AddMinutes(5)), Is.False);
            Assert.That(key.HoldsMeterPlace, Is.False);
        }
    }

    [Test]
    public void Revoking_twice_keeps_the_first_revocation_and_releases_nothing_more()
    {
        var key = NewKey();
        var first = Guid.NewGuid();
        key.Revoke(first, "first", Now.AddMinutes(1));
        key.DrainMeterChanges();

        key.Revoke(Guid.NewGuid(), "second", Now.AddMinutes(2));

        Assert.That((key.DrainMeterChanges().Count, key.RevokedAt, key.RevokedByUserId, key.RevokedReason), Is.EqualTo((0, (DateTime?)Now.AddMinutes(1), (Guid?)first, "first")));
    }

    [Test]
    public void A_long_reason_is_cut_to_the_maximum_and_no_reason_stays_null()
    {
        var key = NewKey();
        var other = NewKey(prefix: "cxg_BBBBBBBB");

        key.Revoke(null, new string('r', ApiKey.MaxReasonLength + 50), Now);
        other.Revoke(null, null, Now);

        Assert.That(key.RevokedReason, Is.EqualTo(new string('r', ApiKey.MaxReasonLength)));
        Assert.That(other.RevokedReason, Is.Null);
    }

    [Test]
    public void An_expired_key_that_was_never_swept_still_holds_its_meter_place_until_revoked()
    {
        // Expired keys keep their place until the create-time sweep (which marks them revoked) or a revocation
        // releases it; if revoking an expired key released nothing, the place would be lost for good.
        var key = NewKey(Now.AddHours(1));
        var later = Now.AddHours(2);

        Assert.That(key.IsUsableAt(later), Is.False);
        Assert.That(key.HoldsMeterPlace, Is.True);
        key.Revoke(Guid.NewGuid(), "cleanup", later);
        Assert.That(key.DrainMeterChanges().Sum(c => c.Units), Is.EqualTo(-1));
        Assert.That(key.HoldsMeterPlace, Is.False);
    }

    [Test]
    public void Rotating_issues_a_successor_with_the_same_name_scopes_and_expiry()
    {
        var key = ApiKey.Create(Org, "CRM", [ApiKeyScopes.Ingest, ApiKeyScopes.Trigger], Now.AddDays(30), "cxg_AAAAAAAA", [1], Creator, Now);
        var rotator = Guid.NewGuid();
        var at = Now.AddDays(1);

        var successor = key.Rotate(TimeSpan.FromHours(1), "cxg_BBBBBBBB", [7, 7], rotator, at);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(successor.Id, Is.Not.EqualTo(key.Id));
            Assert.That(successor.OrganizationId, Is.EqualTo(Org));
            Assert.That(successor.Name, Is.EqualTo("CRM"));
            Assert.That(successor.Scopes, Is.EqualTo(new[] { "ingest", "trigger" }));
            Assert.That(successor.ExpiresAt, Is.EqualTo(Now.AddDays(30)));
            Assert.That(successor.Prefix, Is.EqualTo("cxg_BBBBBBBB"));
            Assert.That(successor.SecretHash, Is.EqualTo(new byte[] { 7, 7 }));
            Assert.That(successor.CreatedByUserId, Is.EqualTo(rotator));
            Assert.That(successor.CreatedAt, Is.EqualTo(at));
            Assert.That(successor.RotatedFromKeyId, Is.EqualTo(key.Id));
            Assert.That(key.ReplacedByKeyId, Is.EqualTo(successor.Id));
            Assert.That(key.RetiresAt, Is.EqualTo(at.AddHours(1)));
            Assert.That(key.RevokedAt, Is.Null, "a rotation retires the key, it does not revoke it");
        }
    }

    [Test]
    public void With_a_grace_the_old_key_works_until_the_grace_ends_and_the_pair_holds_one_meter_place()
    {
        var key = NewKey();

        var successor = key.Rotate(TimeSpan.FromMinutes(10), "cxg_BBBBBBBB", [2], Creator, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.IsUsableAt(Now), Is.True);
            Assert.That(key.IsUsableAt(Now.AddMinutes(10).AddTicks(-1)), Is.True);
            Assert.That(key.IsUsableAt(Now.AddMinutes(10)), Is.False);
            Assert.That(successor.IsUsableAt(Now.AddMinutes(10)), Is.True);
            Assert.That(key.HoldsMeterPlace, Is.False, "the old key shares its successor's place");
            Assert.That(successor.HoldsMeterPlace, Is.True);
        }
    }

    [Test]
    public void Ending_the_grace_stops_the_old_key_now_and_only_a_running_grace_can_end()
    {
        var key = NewKey();
        key.Rotate(TimeSpan.FromHours(1), "cxg_BBBBBBBB", [2], Creator, Now);
        key.DrainMeterChanges();
        var unrotated = NewKey(prefix: "cxg_CCCCCCCC");

        var ended = key.EndGrace(Now.AddMinutes(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ended, Is.True);
            Assert.That(key.IsUsableAt(Now.AddMinutes(5)), Is.False);
            Assert.That(key.RetiresAt, Is.EqualTo(Now.AddMinutes(5)));
            Assert.That(key.DrainMeterChanges(), Is.Empty, "its successor held the place");
            Assert.That(key.EndGrace(Now.AddMinutes(6)), Is.False, "already over");
            Assert.That(unrotated.EndGrace(Now), Is.False, "no rotation, no grace");
            Assert.That(unrotated.IsUsableAt(Now), Is.True);
        }
    }

    [Test]
    public void Without_grace_the_old_key_stops_at_once()
    {
        var key = NewKey();

        var successor = key.Rotate(TimeSpan.Zero, "cxg_BBBBBBBB", [2], Creator, Now);

        Assert.That(key.IsUsableAt(Now), Is.False);
        Assert.That(successor.IsUsableAt(Now), Is.True);
    }

    [Test]
    public void Revoking_a_rotated_key_during_its_grace_releases_no_place_because_its_successor_holds_it()
    {
        var key = NewKey();
        key.Rotate(TimeSpan.FromHours(1), "cxg_BBBBBBBB", [2], Creator, Now);
        Assert.That(key.DrainMeterChanges().Sum(c => c.Units), Is.EqualTo(-1), "the rotation hands its place to the successor");

        key.Revoke(Creator, "done early", Now.AddMinutes(1));
        Assert.That(key.DrainMeterChanges(), Is.Empty);
        Assert.That(key.IsUsableAt(Now.AddMinutes(1)), Is.False);
    }

    [Test]
    public void A_key_rotated_already_revoked_or_expired_cannot_be_rotated()
    {
        var rotated = NewKey();
        rotated.Rotate(TimeSpan.FromHours(1), "cxg_BBBBBBBB", [2], Creator, Now);
        var revoked = NewKey(prefix: "cxg_CCCCCCCC");
        revoked.Revoke(Creator, "gone", Now);
        var expired = NewKey(Now.AddMinutes(1), "cxg_DDDDDDDD");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Assert.Throws<CXGearException>(() => rotated.Rotate(TimeSpan.Zero, "cxg_EEEEEEEE", [3], Creator, Now))!.Code, Is.EqualTo(ErrorCodes.Conflict));
            Assert.That(Assert.Throws<CXGearException>(() => revoked.Rotate(TimeSpan.Zero, "cxg_EEEEEEEE", [3], Creator, Now))!.Code, Is.EqualTo(ErrorCodes.Conflict));
            Assert.That(Assert.Throws<CXGearException>(() => expired.Rotate(TimeSpan.Zero, "cxg_EEEEEEEE", [3], Creator, Now.AddMinutes(1)))!.Code, Is.EqualTo(ErrorCodes.Conflict));
        }
    }
}
