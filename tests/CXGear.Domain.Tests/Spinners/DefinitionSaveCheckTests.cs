using CXGear.Domain.Spinners.Definitions;
using static CXGear.Domain.Tests.Spinners.Definitions;

namespace CXGear.Domain.Tests.Spinners;

/// <summary>Rules of a save on top of validity: credentials in the vault, vault references in their place only.</summary>
public sealed class DefinitionSaveCheckTests
{
    private static string Call(string header, string value, string extra = "") =>
        Steps($"{{'id':'a1','type':'api_call','method':'POST','url':'https://crm.test/c','headers':{{'{header}':'{value}'}},'saveAs':'crm'{extra}}}");

    private static List<string> ProblemPaths(string singleQuoted) => Valid(singleQuoted).SaveProblems().Select(p => p.Path).ToList();

    [TestCase("Authorization")]
    [TestCase("authorization")]
    [TestCase("Proxy-Authorization")]
    [TestCase("X-Api-Key")]
    [TestCase("X-Auth-Token")]
    [TestCase("Client-Secret")]
    [TestCase("Ocp-Apim-Subscription-Key")]
    public void Credential_headers_are_known_by_name(string name) => Assert.That(CredentialHeaders.IsCredential(name), Is.True);

    [TestCase("Idempotency-Key")]
    [TestCase("Content-Type")]
    [TestCase("Accept")]
    [TestCase("X-Request-Id")]
    public void Other_headers_are_not_credentials(string name) => Assert.That(CredentialHeaders.IsCredential(name), Is.False);

    [TestCase("Bearer {{vault.crm_token}}", false)]
    [TestCase("{{vault.crm_token}}", false)]
    [TestCase("Basic {{vault.basic}}", false)]
    [TestCase("Bearer {{payload.token}}", false)]
    [TestCase("", false)]
    [TestCase("Bearer sk_live_1", true)]
    [TestCase("sk_live_1", true)]
    [TestCase("abc{{vault.rest}}", true)]
    [TestCase("Bearer {{vault.a}} extra", true)]
    public void A_value_holds_a_literal_when_more_than_a_scheme_is_written_out(string value, bool literal) =>
        Assert.That(CredentialHeaders.HoldsLiteral(value), Is.EqualTo(literal));

    [Test]
    public void A_literal_credential_is_a_save_problem_at_the_header_path_but_the_definition_stays_valid_to_run()
    {
        var json = Call("X-Api-Key", "abc123");

        Assert.That(Parse(json).Errors, Is.Empty, "stored definitions with literals still parse and run");
        Assert.That(ProblemPaths(json), Is.EqualTo(new[] { "definition.steps[0].headers.X-Api-Key" }));
    }

    [Test]
    public void A_vault_reference_in_headers_and_body_is_fine_and_listed_with_its_first_path()
    {
        var definition = Valid(Call("Authorization", "Bearer {{vault.crm_token}}", ",'body':'{{vault.crm_token}} {{vault.other}}'"));

        Assert.That(definition.SaveProblems(), Is.Empty);
        Assert.That(definition.VaultReferences(), Is.EqualTo(new[]
        {
            ("crm_token", "definition.steps[0].body"),
            ("other", "definition.steps[0].body"),
        }));
        Assert.That(((ApiCallStep)definition.Entry).VaultLabels, Is.EquivalentTo(new[] { "crm_token", "other" }));
    }

    [TestCase("{'id':'a1','type':'api_call','method':'GET','url':'https://crm.test/{{vault.k}}','saveAs':'r'}", "definition.steps[0].url")]
    [TestCase("{'id':'l1','type':'log','message':'{{ vault.k }}'}", "definition.steps[0].message")]
    [TestCase("{'id':'t1','type':'tag','disposition':'{{vault.k}}'}", "definition.steps[0].disposition")]
    public void A_vault_reference_anywhere_else_is_a_save_problem_at_its_path(string step, string path) =>
        Assert.That(ProblemPaths(Steps(step)), Is.EqualTo(new[] { path }));

    [Test]
    public void A_vault_reference_naming_no_possible_label_is_a_save_problem() =>
        Assert.That(ProblemPaths(Call("Authorization", "Bearer {{vault.Bad-Label}}")), Is.EqualTo(new[] { "definition.steps[0].headers.Authorization" }));

    [Test]
    public void Reads_mask_a_literal_credential_and_keep_vault_references_and_other_headers()
    {
        var json = Steps("{'id':'a1','type':'api_call','method':'POST','url':'https://crm.test/c','headers':"
            + "{'Authorization':'Bearer sk_live_1','X-Token':'{{vault.t}}','Accept':'application/json'},'saveAs':'crm'}");

        var masked = (ApiCallStep)Valid(json).WithCredentialsMasked().Entry;

        Assert.That(masked.Headers["Authorization"], Is.EqualTo("[secret]"));
        Assert.That(masked.Headers["X-Token"], Is.EqualTo("{{vault.t}}"));
        Assert.That(masked.Headers["Accept"], Is.EqualTo("application/json"));
    }
}
