using CXGear.Application.ApiKeys.Commands.CreateApiKey;
using CXGear.Application.ApiKeys.Commands.RevokeApiKey;
using CXGear.Application.ApiKeys.Queries.ListApiKeys;
using CXGear.Application.Billing.Queries.GetBilling;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.ApiKeys;

/// <summary>
/// What makes a key valid and how keys hold the API keys meter. Creating, listing, revoking and rotating over HTTP,
/// the error mapping, the 403s, the cross-organization 404 and the key's own authentication stay in Api.Tests.
/// </summary>
public sealed class ApiKeyRulesTests : UseCaseTestBase
{
    private async Task<long> ApiKeysUsedAsync(TestOrg org) =>
        (await SendAsync(new GetBillingQuery(), org.Admin)).Meters.Single(m => m.Meter == "api_keys").Used;

    private static IEnumerable<TestCaseData> InvalidKeys()
    {
        var now = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        yield return new TestCaseData("CRM", new[] { "ingest", "admin" }, null, "scopes[1]").SetArgDisplayNames("unknown second scope");
        yield return new TestCaseData("CRM", new[] { "Ingest" }, null, "scopes[0]").SetArgDisplayNames("scope in another case");
        yield return new TestCaseData("CRM", Array.Empty<string>(), null, "scopes").SetArgDisplayNames("no scope");
        yield return new TestCaseData(string.Empty, new[] { "ingest" }, null, "name").SetArgDisplayNames("no name");
        yield return new TestCaseData("CRM", new[] { "ingest" }, (DateTime?)now.AddDays(-1), "expiresAt").SetArgDisplayNames("expiry in the past");
    }

    [TestCaseSource(nameof(InvalidKeys))]
    public async Task An_invalid_key_is_a_validation_error_naming_the_field_and_creates_nothing(string name, string[] scopes, DateTime? expiresAt, string field)
    {
        var org = await OrganizationAsync();

        var errors = await InvalidAsync(() => SendAsync(new CreateApiKeyCommand(name, scopes, expiresAt), org.Admin));

        Assert.That(errors.Keys, Does.Contain(field));
        Assert.That((await SendAsync(new ListApiKeysQuery(), org.Admin)).Total, Is.Zero);
    }

    [Test]
    public async Task Revoking_an_expired_key_before_any_sweep_frees_its_place()
    {
        var org = await OrganizationAsync();
        var expiring = await SendAsync(new CreateApiKeyCommand("Expiring", ["ingest"], Now.AddMinutes(30)), org.Admin);
        await SendAsync(new CreateApiKeyCommand("Lasting", ["ingest"], null), org.Admin);
        Advance(TimeSpan.FromHours(1));

        await SendAsync(new RevokeApiKeyCommand(expiring.Key.Id), org.Admin);

        Assert.That(await ApiKeysUsedAsync(org), Is.EqualTo(1));
        await SendAsync(new CreateApiKeyCommand("Replacement", ["ingest"], null), org.Admin);
        Assert.That(await ApiKeysUsedAsync(org), Is.EqualTo(2));
    }
}
