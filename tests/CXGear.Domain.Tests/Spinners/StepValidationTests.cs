using CXGear.Domain.Spinners.Definitions;
using static CXGear.Domain.Tests.Spinners.Definitions;

namespace CXGear.Domain.Tests.Spinners;

public sealed class StepValidationTests
{
    private static string ApiCall(string members) => Steps($"{{'id':'a1','type':'api_call','saveAs':'r',{members}}}");

    private static string Agent(string members) => Steps($"{{'id':'m1','type':'ai_agent','task':'t',{members}}}");

    [TestCase("https://api.example.com/v1/calls")]
    [TestCase("http://api.example.com:8080/x?y=1")]
    [TestCase("https://api.example.com/contacts/{{payload.id}}?q={{name}}")]
    public void Absolute_http_urls_are_accepted(string url)
    {
        Assert.That(Parse(ApiCall($"'method':'GET','url':'{url}'")).Errors, Is.Empty);
    }

    [TestCase("/relative/path")]
    [TestCase("ftp://files.example.com/x")]
    [TestCase("file:///etc/passwd")]
    [TestCase("javascript:alert(1)")]
    [TestCase("https://{{payload.host}}/x")]
    [TestCase("https://api.{{payload.tenant}}.example.com/x")]
    [TestCase("{{payload.url}}")]
    [TestCase("https://user:secret@api.example.com/x")]
    [TestCase("not a url")]
    public void Other_urls_are_refused(string url)
    {
        Assert.That(Paths(ApiCall($"'method':'GET','url':'{url}'")), Is.EqualTo(new[] { "definition.steps[0].url" }));
    }

    [Test]
    public void A_url_longer_than_the_cap_is_refused()
    {
        var url = "https://api.example.com/" + new string('a', DefinitionLimits.MaxUrlLength);

        Assert.That(Paths(ApiCall($"'method':'GET','url':'{url}'")), Is.EqualTo(new[] { "definition.steps[0].url" }));
    }

    [TestCase("get", "GET")]
    [TestCase("Post", "POST")]
    [TestCase("PATCH", "PATCH")]
    public void Methods_are_case_insensitive_and_stored_upper_case(string method, string stored)
    {
        var definition = Valid(ApiCall($"'method':'{method}','url':'https://x.test/'"));

        Assert.That(((ApiCallStep)definition.Entry).Method, Is.EqualTo(stored));
    }

    [TestCase("'method':'TRACE','url':'https://x.test/'", "definition.steps[0].method")]
    [TestCase("'method':'CONNECT','url':'https://x.test/'", "definition.steps[0].method")]
    [TestCase("'url':'https://x.test/'", "definition.steps[0].method")]
    [TestCase("'method':'POST'", "definition.steps[0].url")]
    [TestCase("'method':'GET','url':'https://x.test/','body':'{}'", "definition.steps[0].body")]
    [TestCase("'method':'DELETE','url':'https://x.test/','body':'{}'", "definition.steps[0].body")]
    [TestCase("'method':'POST','url':'https://x.test/','headers':'X-A: 1'", "definition.steps[0].headers")]
    [TestCase("'method':'POST','url':'https://x.test/','headers':{'Host':'internal'}", "definition.steps[0].headers.Host")]
    [TestCase("'method':'POST','url':'https://x.test/','headers':{'transfer-encoding':'chunked'}", "definition.steps[0].headers.transfer-encoding")]
    [TestCase("'method':'POST','url':'https://x.test/','headers':{'Bad Name':'1'}", "definition.steps[0].headers.Bad Name")]
    [TestCase("'method':'POST','url':'https://x.test/','headers':{'X-A':1}", "definition.steps[0].headers.X-A")]
    [TestCase("'method':'POST','url':'https://x.test/','headers':{'X-A':'1','x-a':'2'}", "definition.steps[0].headers.x-a")]
    public void Api_call_rules(string members, string path)
    {
        Assert.That(Paths(ApiCall(members)), Is.EqualTo(new[] { path }));
    }

    [TestCase("")]
    [TestCase("1st")]
    [TestCase("has-dash")]
    [TestCase("disposition")]
    [TestCase("ai_response")]
    public void Save_as_must_be_a_free_output_key(string saveAs)
    {
        var json = Steps($"{{'id':'a1','type':'api_call','method':'GET','url':'https://x.test/','saveAs':'{saveAs}'}}");

        Assert.That(Paths(json), Is.EqualTo(new[] { "definition.steps[0].saveAs" }));
    }

    [Test]
    public void Save_as_is_required()
    {
        var json = Steps("{'id':'a1','type':'api_call','method':'GET','url':'https://x.test/'}");

        Assert.That(Paths(json), Is.EqualTo(new[] { "definition.steps[0].saveAs" }));
    }

    [Test]
    public void More_headers_than_the_cap_are_refused()
    {
        var headers = string.Join(",", Enumerable.Range(0, DefinitionLimits.MaxHeaders + 1).Select(i => $"'X-H{i}':'v'"));

        Assert.That(Paths(ApiCall($"'method':'POST','url':'https://x.test/','headers':{{{headers}}}")), Is.EqualTo(new[] { "definition.steps[0].headers" }));
    }

    [Test]
    public void Headers_and_body_are_kept()
    {
        var step = (ApiCallStep)Valid(ApiCall("'method':'POST','url':'https://x.test/','body':'{\\'a\\':1}','headers':{'Authorization':'Bearer {{payload.token}}'}")).Entry;

        Assert.That(step.Headers["authorization"], Is.EqualTo("Bearer {{payload.token}}"));
    }

    [TestCase("'provider':'OpenAI'", "definition.steps[0].provider")]
    [TestCase("'provider':'mock'", "definition.steps[0].provider")]
    [TestCase("'role':'r'", "definition.steps[0].provider")]
    [TestCase("'provider':'Mock','outputMode':'yaml'", "definition.steps[0].outputMode")]
    [TestCase("'provider':'Mock','temperature':1", "definition.steps[0].temperature")]
    public void Ai_agent_rules(string members, string path)
    {
        Assert.That(Paths(Agent(members)), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void An_ai_agent_needs_a_task()
    {
        Assert.That(Paths(Steps("{'id':'m1','type':'ai_agent','provider':'Mock'}")), Is.EqualTo(new[] { "definition.steps[0].task" }));
    }

    [TestCase("'provider':'openai','outputMode':'key_value'", "definition.steps[0].keys")]
    [TestCase("'provider':'openai','outputMode':'key_value','keys':[]", "definition.steps[0].keys")]
    [TestCase("'provider':'openai','outputMode':'key_value','keys':['ok','1bad']", "definition.steps[0].keys[1]")]
    [TestCase("'provider':'openai','outputMode':'key_value','keys':['a','A']", "definition.steps[0].keys[1]")]
    [TestCase("'provider':'openai','outputMode':'classification'", "definition.steps[0].labels")]
    [TestCase("'provider':'openai','outputMode':'text','labels':['Hot']", "definition.steps[0].labels")]
    [TestCase("'provider':'openai','outputMode':'list','keys':['a']", "definition.steps[0].keys")]
    [TestCase("'provider':'openai','outputMode':'json'", "definition.steps[0].outputMode")]
    [TestCase("'provider':'anthropic','saveAs':'disposition'", "definition.steps[0].saveAs")]
    [TestCase("'provider':'anthropic','saveAs':'has space'", "definition.steps[0].saveAs")]
    public void Output_mode_fields_are_checked_at_their_paths(string members, string path)
    {
        Assert.That(Paths(Agent(members)), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void The_four_modes_with_their_fields_a_model_and_saveAs_parse_and_round_trip()
    {
        var json = Agent("'provider':'openai','model':'gpt-4.1','outputMode':'key_value','keys':['subject','body'],'saveAs':'email'");

        var step = (AiAgentStep)Parse(json).Definition!.Steps[0];

        Assert.That((step.Model, step.OutputMode, step.SaveAs, step.UsesConfiguredProvider), Is.EqualTo(("gpt-4.1", "key_value", "email", true)));
        Assert.That(step.Keys, Is.EqualTo(new[] { "subject", "body" }));
        Assert.That(Parse(Agent("'provider':'anthropic','outputMode':'classification','labels':['Hot','Cold']")).Errors, Is.Empty);
        Assert.That(Parse(Agent("'provider':'Mock','outputMode':'list'")).Errors, Is.Empty);
    }

    [Test]
    public void An_unknown_provider_error_names_the_available_ones()
    {
        Assert.That(Errors(Agent("'provider':'OpenAI'")), Is.EqualTo(new[] { "definition.steps[0].provider: Unknown AI provider 'OpenAI'; available: Mock, openai, anthropic." }));
    }

    [TestCase("text")]
    [TestCase("json")]
    public void Output_modes_text_and_json_are_accepted(string mode)
    {
        var step = (AiAgentStep)Valid(Agent($"'provider':'Mock','outputMode':'{mode}'")).Entry;

        Assert.That(step.OutputMode, Is.EqualTo(mode));
    }
}
