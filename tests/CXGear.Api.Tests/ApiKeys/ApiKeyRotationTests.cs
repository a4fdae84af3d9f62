using System.Net;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>docs/api.md#api-key-management: rotate issues a new secret; the old key works until <c>graceSeconds</c> (0..86400) pass.</summary>
public sealed class ApiKeyRotationTests : ApiKeysTestBase
{
    [Test]
    public async Task Without_grace_the_old_key_is_refused_at_once_and_the_new_one_works()
    {
        var admin = await SignUpAsync();
        var old = await Keys.CreateAsync(admin.AccessToken, "CRM", ["ingest", "trigger"]);

        var response = await Keys.RotateRawAsync(admin.AccessToken, old.Id, 0);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        var secret = Keys.Remember((string)body["secret"]!);
        var successor = body["key"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret, Does.Match("^cxg_[0-9A-Za-z]{36}$"));
            Assert.That(secret, Is.Not.EqualTo(old.Secret));
            Assert.That((string?)successor["id"], Is.Not.EqualTo(old.Id));
            Assert.That((string?)successor["prefix"], Is.EqualTo(secret[..12]));
            Assert.That(response.Headers.Location!.ToString(), Does.EndWith($"/api/v1/api-keys/{successor["id"]}"));
            Assert.That((string?)successor["name"], Is.EqualTo("CRM"));
            Assert.That(successor["scopes"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "ingest", "trigger" }));
            Assert.That((string?)successor["rotatedFromKeyId"], Is.EqualTo(old.Id));
            Assert.That((string?)successor["status"], Is.EqualTo("active"));
        }

        await Keys.AssertRefusedAsync(old.Secret, "grace 0: the old key stops now");
        await Keys.AssertIngestAcceptedAsync(secret);
        var oldListed = await Keys.KeyAsync(admin.AccessToken, old.Id);
        Assert.That((string?)oldListed["replacedByKeyId"], Is.EqualTo((string?)successor["id"]));
        Assert.That((string?)oldListed["status"], Is.EqualTo("revoked"));
        var listText = (await Keys.ListAsync(admin.AccessToken)).ToJsonString();
        Assert.That(listText, Does.Not.Contain(secret).And.Not.Contain(old.Secret));
    }

    [Test]
    public async Task With_grace_the_old_key_works_until_the_grace_has_passed_then_gets_401()
    {
        var admin = await SignUpAsync();
        var old = await Keys.CreateAsync(admin.AccessToken);

        var successor = await Keys.RotateAsync(admin.AccessToken, old.Id, 600);

        await Keys.AssertIngestAcceptedAsync(old.Secret, "inside the grace");
        await Keys.AssertIngestAcceptedAsync(successor.Secret);
        var rotating = await Keys.KeyAsync(admin.AccessToken, old.Id);
        Assert.That((string?)rotating["status"], Is.EqualTo("rotating"));
        Assert.That((DateTime?)rotating["retiresAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(600)));

        Advance(TimeSpan.FromSeconds(599));
        await Keys.AssertIngestAcceptedAsync(old.Secret, "one second of grace left");

        Advance(TimeSpan.FromSeconds(1));
        await Keys.AssertRefusedAsync(old.Secret, "the grace has passed");
        await Keys.AssertIngestAcceptedAsync(successor.Secret, "the successor is unaffected");
    }

    [Test]
    public async Task Revoking_the_successor_ends_the_old_keys_grace_at_once()
    {
        var admin = await SignUpAsync();
        var old = await Keys.CreateAsync(admin.AccessToken);
        var successor = await Keys.RotateAsync(admin.AccessToken, old.Id, 3600);
        await Keys.AssertIngestAcceptedAsync(old.Secret, "inside the grace");
        var unrelated = await Keys.CreateAsync(admin.AccessToken, "Unrelated");

        Assert.That((await Keys.RevokeAsync(admin.AccessToken, successor.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await Keys.AssertRefusedAsync(successor.Secret, "the revoked successor");
        await Keys.AssertRefusedAsync(old.Secret, "its successor revoked, the old key's grace is over");
        await Keys.AssertIngestAcceptedAsync(unrelated.Secret, "another key is untouched");
        var oldListed = await Keys.KeyAsync(admin.AccessToken, old.Id);
        Assert.That((string?)oldListed["status"], Is.EqualTo("revoked"));
        Assert.That((DateTime?)oldListed["retiresAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime));
    }

    [Test]
    public async Task Revoking_the_newest_of_a_chain_of_rotations_ends_every_grace_in_it()
    {
        var admin = await SignUpAsync();
        var first = await Keys.CreateAsync(admin.AccessToken);
        var second = await Keys.RotateAsync(admin.AccessToken, first.Id, 3600);
        var third = await Keys.RotateAsync(admin.AccessToken, second.Id, 0);
        await Keys.AssertIngestAcceptedAsync(first.Secret, "the first key's grace outlives the second's");

        Assert.That((await Keys.RevokeAsync(admin.AccessToken, third.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await Keys.AssertRefusedAsync(first.Secret, "no key of the chain works after its newest is revoked");
        await Keys.AssertRefusedAsync(second.Secret);
        await Keys.AssertRefusedAsync(third.Secret);
    }

    [TestCase(-1)]
    [TestCase(86_401)]
    [TestCase(int.MaxValue)]
    public async Task A_grace_outside_0_to_86400_seconds_is_a_validation_error_and_rotates_nothing(int graceSeconds)
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);

        var body = await AssertProblemAsync(await Keys.RotateRawAsync(admin.AccessToken, key.Id, graceSeconds), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["graceSeconds"], Is.Not.Null, body.ToJsonString());
        Assert.That((int?)(await Keys.ListAsync(admin.AccessToken))["total"], Is.EqualTo(1));
        await Keys.AssertIngestAcceptedAsync(key.Secret);
    }

    [Test]
    public async Task A_grace_that_is_not_a_number_is_a_validation_error()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);

        await AssertProblemAsync(await Keys.RotateRawAsync(admin.AccessToken, key.Id, "soon"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task The_longest_grace_of_a_day_is_accepted()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);

        await Keys.RotateAsync(admin.AccessToken, key.Id, 86_400);

        var retiresAt = (DateTime?)(await Keys.KeyAsync(admin.AccessToken, key.Id))["retiresAt"];
        Assert.That(retiresAt, Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime.AddDays(1)));
    }

    [Test]
    public async Task A_rotation_keeps_one_meter_place_for_the_old_and_new_key()
    {
        var admin = await SignUpAsync();
        var first = await Keys.CreateAsync(admin.AccessToken, "One");
        await Keys.CreateAsync(admin.AccessToken, "Two");

        var successor = await Keys.RotateAsync(admin.AccessToken, first.Id, 3600);

        var full = await AssertProblemAsync(await Keys.CreateRawAsync(admin.AccessToken, "Three"), HttpStatusCode.Forbidden, "PLAN_LIMIT");
        Assert.That((int?)full["used"], Is.EqualTo(2), "rotating a key on a full meter is allowed and takes no place");

        Assert.That((await Keys.RevokeAsync(admin.AccessToken, first.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await Keys.CreateRawAsync(admin.AccessToken, "Three"), HttpStatusCode.Forbidden, "PLAN_LIMIT");
        await Keys.AssertRefusedAsync(first.Secret, "revoking the old key ends its grace");

        Assert.That((await Keys.RevokeAsync(admin.AccessToken, successor.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Keys.CreateAsync(admin.AccessToken, "Three");
    }

    [Test]
    public async Task A_key_already_rotated_or_revoked_cannot_be_rotated()
    {
        var admin = await SignUpAsync();
        var rotated = await Keys.CreateAsync(admin.AccessToken, "Rotated");
        await Keys.RotateAsync(admin.AccessToken, rotated.Id, 60);
        var revoked = await Keys.CreateAsync(admin.AccessToken, "Revoked");
        await Keys.RevokeAsync(admin.AccessToken, revoked.Id);

        await AssertProblemAsync(await Keys.RotateRawAsync(admin.AccessToken, rotated.Id, 0), HttpStatusCode.Conflict, "CONFLICT");
        await AssertProblemAsync(await Keys.RotateRawAsync(admin.AccessToken, revoked.Id, 0), HttpStatusCode.Conflict, "CONFLICT");
        await Keys.AssertIngestAcceptedAsync(rotated.Secret, "a refused second rotation leaves the grace as it was");
        Assert.That((int?)(await Keys.ListAsync(admin.AccessToken))["total"], Is.EqualTo(3));
    }
}
