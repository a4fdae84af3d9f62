using CXGear.Application.Admin.Queries.ListAllApiKeys;
using CXGear.Application.Admin.Commands.LookupApiKey;
using CXGear.Application.Admin.Commands.RevokeAnyApiKey;
using CXGear.Application.ApiKeys.Commands.CreateApiKey;
using CXGear.Application.ApiKeys.Commands.RotateApiKey;
using CXGear.Application.Tests.Auth;
using Microsoft.Extensions.Time.Testing;

namespace CXGear.Application.Tests.ApiKeys;

public sealed class ApiKeyValidatorTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    private static DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private static string[] CreateFailures(string name, string[] scopes, DateTime? expiresAt = null) =>
        FailedProperties.Of(new CreateApiKeyValidator(Clock), new CreateApiKeyCommand(name, scopes, expiresAt));

    [Test]
    public void A_named_key_with_known_scopes_and_a_future_expiry_is_valid()
    {
        Assert.That(CreateFailures("CRM", ["ingest", "trigger"], Now.AddSeconds(1)), Is.Empty);
        Assert.That(CreateFailures(new string('n', 100), ["trigger"]), Is.Empty);
    }

    [Test]
    public void An_expiry_without_an_offset_is_read_as_utc_whatever_the_servers_zone()
    {
        var unspecified = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var command = new CreateApiKeyCommand("CRM", ["ingest"], unspecified);

        Assert.That(command.ExpiresAtUtc, Is.EqualTo(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(command.ExpiresAtUtc!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(new CreateApiKeyCommand("CRM", ["ingest"], null).ExpiresAtUtc, Is.Null);
    }

    [Test]
    public void An_unspecified_expiry_one_second_ahead_in_utc_is_in_the_future()
    {
        var justAhead = DateTime.SpecifyKind(Now.AddSeconds(1), DateTimeKind.Unspecified);
        var justBehind = DateTime.SpecifyKind(Now.AddSeconds(-1), DateTimeKind.Unspecified);

        Assert.That(CreateFailures("CRM", ["ingest"], justAhead), Is.Empty);
        Assert.That(CreateFailures("CRM", ["ingest"], justBehind), Is.EqualTo(new[] { "ExpiresAt" }));
    }

    [TestCase("", "Name")]
    [TestCase("   ", "Name")]
    public void A_blank_name_fails_on_name(string name, string field)
    {
        Assert.That(CreateFailures(name, ["ingest"]), Is.EqualTo(new[] { field }));
    }

    [Test]
    public void A_name_over_100_characters_fails_on_name()
    {
        Assert.That(CreateFailures(new string('n', 101), ["ingest"]), Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public void No_scopes_fail_on_scopes_and_an_unknown_scope_fails_on_its_index()
    {
        Assert.That(CreateFailures("CRM", []), Is.EqualTo(new[] { "Scopes" }));
        Assert.That(CreateFailures("CRM", ["ingest", "billing"]), Is.EqualTo(new[] { "Scopes[1]" }));
        Assert.That(CreateFailures("CRM", ["TRIGGER"]), Is.EqualTo(new[] { "Scopes[0]" }));
    }

    [Test]
    public void An_expiry_now_or_in_the_past_fails_on_expires_at()
    {
        Assert.That(CreateFailures("CRM", ["ingest"], Now), Is.EqualTo(new[] { "ExpiresAt" }));
        Assert.That(CreateFailures("CRM", ["ingest"], Now.AddDays(-1)), Is.EqualTo(new[] { "ExpiresAt" }));
    }

    [TestCase(0, true)]
    [TestCase(86_400, true)]
    [TestCase(-1, false)]
    [TestCase(86_401, false)]
    public void Grace_is_between_0_and_86400_seconds(int graceSeconds, bool valid)
    {
        var result = new RotateApiKeyValidator().Validate(new RotateApiKeyCommand(Guid.NewGuid(), graceSeconds));

        Assert.That(result.IsValid, Is.EqualTo(valid));
        Assert.That(result.Errors.Select(e => e.PropertyName), valid ? Is.Empty : Is.EqualTo(new[] { "GraceSeconds" }));
    }

    [TestCase("", false)]
    [TestCase("   ", false)]
    [TestCase("leaked on a forum", true)]
    public void An_operator_revocation_needs_a_reason(string reason, bool valid)
    {
        Assert.That(new RevokeAnyApiKeyValidator().Validate(new RevokeAnyApiKeyCommand(Guid.NewGuid(), reason)).IsValid, Is.EqualTo(valid));
    }

    [Test]
    public void A_reason_over_500_characters_is_refused()
    {
        Assert.That(FailedProperties.Of(new RevokeAnyApiKeyValidator(), new RevokeAnyApiKeyCommand(Guid.NewGuid(), new string('r', 501))), Is.EqualTo(new[] { "Reason" }));
    }

    [Test]
    public void A_lookup_needs_a_secret_of_at_most_200_characters()
    {
        Assert.That(FailedProperties.Of(new LookupApiKeyValidator(), new LookupApiKeyCommand("")), Is.EqualTo(new[] { "Secret" }));
        Assert.That(FailedProperties.Of(new LookupApiKeyValidator(), new LookupApiKeyCommand(new string('x', 201))), Is.EqualTo(new[] { "Secret" }));
        Assert.That(FailedProperties.Of(new LookupApiKeyValidator(), new LookupApiKeyCommand("cxg_anything")), Is.Empty);
    }

    [Test]
    public void A_lookup_command_never_prints_the_secret()
    {
        Assert.That(new LookupApiKeyCommand("cxg_secretsecretsecret").ToString(), Does.Not.Contain("secretsecret"));
    }

    [Test]
    public void The_operator_list_refuses_a_prefix_over_40_characters_and_bad_paging()
    {
        Assert.That(FailedProperties.Of(new ListAllApiKeysValidator(), new ListAllApiKeysQuery(null, new string('p', 41))), Is.EqualTo(new[] { "Prefix" }));
        Assert.That(FailedProperties.Of(new ListAllApiKeysValidator(), new ListAllApiKeysQuery(null, "cxg_", 0, 201)), Is.EqualTo(new[] { "Page", "PageSize" }));
        Assert.That(FailedProperties.Of(new ListAllApiKeysValidator(), new ListAllApiKeysQuery(Guid.NewGuid(), "cxg_AbCd")), Is.Empty);
    }
}
