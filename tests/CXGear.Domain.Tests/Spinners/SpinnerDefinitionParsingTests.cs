using CXGear.Domain.Spinners.Definitions;
using static CXGear.Domain.Tests.Spinners.Definitions;

namespace CXGear.Domain.Tests.Spinners;

public sealed class SpinnerDefinitionParsingTests
{
    private const string ContractExample =
        "{'steps':[" +
        "{'id':'s1','type':'log','message':'Hi {{name}}','next':'d1'}," +
        "{'id':'d1','type':'decision','branches':[{'when':{'field':'output.disposition','equals':'Retry'},'label':'retry','next':'a1'}],'default':'m1'}," +
        "{'id':'a1','type':'api_call','method':'POST','url':'https://crm.example.com/calls','body':'{{payload.phone}}','saveAs':'api_response','next':'s2'}," +
        "{'id':'m1','type':'ai_agent','provider':'Mock','role':'Be brief','task':'Summarise {{name}}','outputMode':'text','next':'s2'}," +
        "{'id':'s2','type':'tag','disposition':'Contacted'}]}";

    [Test]
    public void The_contract_examples_parse_into_typed_steps_with_the_first_as_entry()
    {
        var definition = Valid(ContractExample);

        Assert.That(definition.Steps.Select(s => (s.Id, s.Type)), Is.EqualTo(new[]
        {
            ("s1", "log"), ("d1", "decision"), ("a1", "api_call"), ("m1", "ai_agent"), ("s2", "tag"),
        }));
        Assert.That(definition.Entry.Id, Is.EqualTo("s1"));
        var decision = (DecisionStep)definition.Step("d1");
        Assert.That((decision.Branches[0].Field, decision.Branches[0].EqualsValue, decision.Branches[0].Label, decision.Branches[0].Next, decision.Default),
            Is.EqualTo(("output.disposition", "Retry", "retry", "a1", "m1")));
        var call = (ApiCallStep)definition.Step("a1");
        Assert.That((call.Method, call.Url, call.Body, call.SaveAs, call.Next), Is.EqualTo(("POST", "https://crm.example.com/calls", "{{payload.phone}}", "api_response", "s2")));
        var agent = (AiAgentStep)definition.Step("m1");
        Assert.That((agent.Provider, agent.Role, agent.Task, agent.OutputMode), Is.EqualTo(("Mock", "Be brief", "Summarise {{name}}", "text")));
        Assert.That(((TagStep)definition.Step("s2")).Disposition, Is.EqualTo("Contacted"));
        Assert.That(definition.Step("s2").Next, Is.Null);
    }

    [Test]
    public void The_canonical_json_round_trips_and_is_stable()
    {
        var definition = Valid(ContractExample);

        var json = definition.ToJson();
        var again = SpinnerDefinition.Parse(json);

        Assert.That(again.Errors, Is.Empty);
        Assert.That(again.Definition!.ToJson(), Is.EqualTo(json));
        Assert.That(json, Does.StartWith("{\"steps\":[{\"id\":\"s1\",\"type\":\"log\",\"message\":\"Hi {{name}}\",\"next\":\"d1\"}"));
    }

    [Test]
    public void The_canonical_form_orders_members_fills_defaults_and_normalises_values()
    {
        var definition = Valid(Steps(
            "{'next':'d1','type':'log','message':'x','id':'s1'}",
            "{'id':'d1','type':'decision','default':'m1','branches':[{'next':'m1','when':{'equals':42,'field':'n'}}]}",
            "{'id':'m1','type':'ai_agent','task':'t','provider':'Mock','next':'a1'}",
            "{'id':'a1','type':'api_call','method':'get','url':'https://x.test/a','saveAs':'r','headers':{'X-B':'2','X-A':'1'}}"));

        Assert.That(definition.ToJson(), Is.EqualTo(
            "{\"steps\":[" +
            "{\"id\":\"s1\",\"type\":\"log\",\"message\":\"x\",\"next\":\"d1\"}," +
            "{\"id\":\"d1\",\"type\":\"decision\",\"branches\":[{\"when\":{\"field\":\"n\",\"equals\":\"42\"},\"next\":\"m1\"}],\"default\":\"m1\"}," +
            "{\"id\":\"m1\",\"type\":\"ai_agent\",\"provider\":\"Mock\",\"task\":\"t\",\"outputMode\":\"text\",\"next\":\"a1\"}," +
            "{\"id\":\"a1\",\"type\":\"api_call\",\"method\":\"GET\",\"url\":\"https://x.test/a\",\"headers\":{\"X-A\":\"1\",\"X-B\":\"2\"},\"saveAs\":\"r\"}]}"));
    }

    [Test]
    public void Text_with_quotes_and_non_ascii_survives_the_round_trip()
    {
        var definition = Valid(Steps("{'id':'s1','type':'log','message':'Olá \\\\ \\u0027quoted\\u0027 ‹x› <b>&'}"));

        var again = SpinnerDefinition.Parse(definition.ToJson()).Definition!;

        Assert.That(((LogStep)again.Entry).Message, Is.EqualTo("Olá \\ 'quoted' ‹x› <b>&"));
    }

    [TestCase(false)]
    [TestCase(true)]
    [TestCase("true")]
    public void Equals_values_of_other_json_types_are_kept_as_their_text(object value)
    {
        var literal = value is string s ? $"'{s}'" : value.ToString()!.ToLowerInvariant();
        var definition = Valid(Steps($"{{'id':'d','type':'decision','branches':[{{'when':{{'field':'f','equals':{literal}}},'next':'e'}}],'default':'e'}}", "{'id':'e','type':'tag','disposition':'x'}"));

        Assert.That(((DecisionStep)definition.Entry).Branches[0].EqualsValue, Is.EqualTo(value.ToString()!.ToLowerInvariant()));
    }

    [Test]
    public void Steps_that_no_path_reaches_are_allowed()
    {
        var definition = Valid(Steps("{'id':'s1','type':'log','message':'a'}", "{'id':'parked','type':'tag','disposition':'x'}"));

        Assert.That(definition.Steps, Has.Count.EqualTo(2));
    }

    [Test]
    public void Malformed_json_is_one_error_at_the_root()
    {
        var result = SpinnerDefinition.Parse("{\"steps\":[", "body.definition");

        Assert.That(result.Errors.Select(e => e.Path), Is.EqualTo(new[] { "body.definition" }));
        Assert.That(result.IsValid, Is.False);
    }
}
