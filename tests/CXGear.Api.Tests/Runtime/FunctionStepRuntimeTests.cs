using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Runtime;

/// <summary><c>function</c> steps saved through the routes and run by the runtime, with the real sandbox.</summary>
public sealed class FunctionStepRuntimeTests : RuntimeTestBase
{
    private const string Greet =
        "{'steps':[{'id':'f1','type':'function','code':'function main(params, context) { context.log(\\'for\\', params.name); "
        + "return { greeting: \\'Hello \\' + params.name, project: context.projectId }; }','next':'t1'},"
        + "{'id':'t1','type':'tag','disposition':'Greeted'}]}";

    [Test]
    public async Task A_function_s_returned_keys_become_outputs_and_its_log_lines_reach_the_journey()
    {
        var a = await ArrangeJobAsync(rows: 2, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, Greet);

        await Runner.RunOnceAsync(CancellationToken.None);

        var records = await RecordsAsync(a.Admin.AccessToken, jobId);
        Assert.That(records.Select(r => (string?)r["status"]), Is.EqualTo(new[] { "completed", "completed" }));
        Assert.That((string?)records[0]["outputs"]!["greeting"], Is.EqualTo("Hello Name 1"));
        Assert.That((string?)records[0]["outputs"]!["project"], Is.EqualTo(a.ProjectId));
        var journey = await JourneyAsync(a.Admin.AccessToken, (string)records[0]["id"]!);
        Assert.That(journey[0], Does.StartWith("f1:function_completed:main() returned greeting, project (").And.EndWith("; log: for Name 1"));
    }

    [Test]
    public async Task A_function_reads_the_vault_and_the_value_is_scrubbed_from_its_outputs()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var put = await SendAsync(HttpMethod.Put, "/api/v1/vault/crm_token", new { value = "sk_live_function_0001" }, a.Admin.AccessToken);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var jobId = await ArrangeWithDefinitionAsync(
            a,
            "{'steps':[{'id':'f1','type':'function','code':'async function main(p, c) { const v = await c.vault(\\'crm_token\\'); return { n: v.length, echo: v }; }'}]}");

        await Runner.RunOnceAsync(CancellationToken.None);

        var record = (await RecordsAsync(a.Admin.AccessToken, jobId)).Single();
        Assert.That(record["outputs"]!.ToJsonString(), Is.EqualTo("{\"n\":21,\"echo\":\"[secret]\"}"));
        Assert.That(string.Join("\n", Factory.Logs), Does.Not.Contain("sk_live_function_0001"));
    }

    [Test]
    public async Task A_function_returning_a_reserved_key_fails_its_record()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, "{'steps':[{'id':'f1','type':'function','code':'function main() { return { disposition: \\'Won\\' }; }'}]}");

        await Runner.RunOnceAsync(CancellationToken.None);

        var record = (await RecordsAsync(a.Admin.AccessToken, jobId)).Single();
        Assert.That((string?)record["status"], Is.EqualTo("failed"));
        Assert.That((string?)record["error"], Does.StartWith("FUNCTION_ERROR: main() returned reserved output keys disposition"));
    }

    [TestCase("function main( {")]
    [TestCase("function notMain() { return {}; }")]
    public async Task Code_that_does_not_parse_or_has_no_main_is_a_400_at_its_path(string code)
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();

        var response = await SendAsync(
            HttpMethod.Put,
            $"/api/v1/spinners/{spinner}",
            new { name = "Fn", definition = new { steps = new[] { new { id = "f1", type = "function", code } } } },
            admin.AccessToken);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "definition.steps[0].code" }));
    }
}
