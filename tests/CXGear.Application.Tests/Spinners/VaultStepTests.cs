using CXGear.Application.Spinners.Runtime;
using static CXGear.Application.Tests.Spinners.Fixtures;

namespace CXGear.Application.Tests.Spinners;

/// <summary>The engine with a vault: values fill an api_call's headers and body, and nothing the record keeps shows them.</summary>
public sealed class VaultStepTests
{
    private const string Secret = "s3cr\"et/value+0001";

    private static FakeVaultSecretReader Vault(Guid organizationId, string value = Secret) =>
        new() { Values = { [(organizationId, "crm_token")] = value } };

    private const string Call =
        "{'id':'a1','type':'api_call','method':'POST','url':'https://crm.test/c','body':'{\\\"t\\\":\\\"{{vault.crm_token}}\\\"}',"
        + "'headers':{'Authorization':'Bearer {{vault.crm_token}}'},'saveAs':'crm','next':'l1'}";

    private const string LogEcho = "{'id':'l1','type':'log','message':'got {{output.crm.body}} {{vault.crm_token}}'}";

    [Test]
    public async Task Headers_and_body_carry_the_value_while_outputs_and_journey_show_secret_instead()
    {
        var http = new FakeOutboundHttp().Answer(200, $"{{\"echo\":\"Bearer {Secret.Replace("\"", "\\\"", StringComparison.Ordinal)}\",\"raw\":\"{Uri.EscapeDataString(Secret)}\"}}", "application/json");
        var vault = Vault(Context.OrganizationId);

        var result = await Engine(http, vault: vault).RunAsync(Definition(Call, LogEcho), Payload(), Context, CancellationToken.None);

        var request = http.Requests.Single();
        Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer " + Secret));
        Assert.That(request.Body, Is.EqualTo("{\"t\":\"s3cr\\\"et/value+0001\"}"), "JSON-escaped in a JSON body");
        Assert.That(result.Outputs["crm"]!["body"]!.ToJsonString(), Is.EqualTo("{\"echo\":\"Bearer [secret]\",\"raw\":\"[secret]\"}"));
        Assert.That(result.Journey[1].Message, Is.EqualTo("got {\"echo\":\"Bearer [secret]\",\"raw\":\"[secret]\"} ‹vault.crm_token›"), "a log step never reads the vault");
        Assert.That(result.VaultLabelsUsed, Is.EqualTo(new[] { "crm_token" }));
        Assert.That(vault.Reads, Has.Count.EqualTo(1), "read once, for the one step that names it");
    }

    [Test]
    public async Task A_label_the_vault_does_not_hold_fails_the_record_before_anything_is_sent()
    {
        var http = new FakeOutboundHttp();

        var result = await Engine(http, vault: new FakeVaultSecretReader()).RunAsync(Definition(Call, LogEcho), Payload(), Context, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(result.Error, Does.StartWith("VAULT_SECRET_MISSING: ").And.Contains("'crm_token'"));
        Assert.That(http.Requests, Is.Empty);
        Assert.That(result.Journey.Single().Outcome, Is.EqualTo("vault_missing"));
    }

    [Test]
    public async Task The_record_reads_only_its_own_organizations_vault()
    {
        var http = new FakeOutboundHttp();
        var vault = Vault(Guid.NewGuid());

        var result = await Engine(http, vault: vault).RunAsync(Definition(Call, LogEcho), Payload(), Context, CancellationToken.None);

        Assert.That(result.Error, Does.StartWith("VAULT_SECRET_MISSING"));
        Assert.That(http.Requests, Is.Empty);
    }

    [Test]
    public async Task A_failure_message_that_quotes_the_value_is_scrubbed_in_the_journey_and_the_error()
    {
        var http = new FakeOutboundHttp().Throw(new CXGear.Application.Spinners.Runtime.Outbound.OutboundFailedException($"server said {Secret}"));

        var result = await Engine(http, vault: Vault(Context.OrganizationId)).RunAsync(Definition(Call, LogEcho), Payload(), Context, CancellationToken.None);

        Assert.That(result.Error, Does.Contain("server said [secret]").And.Not.Contain("value+0001"));
        Assert.That(result.Journey.Single().Message, Is.EqualTo(result.Error));
    }
}
