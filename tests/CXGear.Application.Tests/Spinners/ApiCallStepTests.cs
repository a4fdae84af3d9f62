using System.Text.Json.Nodes;
using CXGear.Application.Spinners.Runtime;
using CXGear.Application.Spinners.Runtime.Outbound;
using static CXGear.Application.Tests.Spinners.Fixtures;

namespace CXGear.Application.Tests.Spinners;

public sealed class ApiCallStepTests
{
    private static async Task<(RecordRunResult Result, FakeOutboundHttp Http)> Run(FakeOutboundHttp http, string call, params (string, object?)[] payload)
    {
        var definition = Definition(call, "{'id':'after','type':'tag','disposition':'reached'}");
        var result = await Engine(http).RunAsync(definition, Payload(payload), Context, CancellationToken.None);
        return (result, http);
    }

    [Test]
    public async Task A_successful_call_is_saved_as_status_and_json_body_and_the_record_goes_on()
    {
        var http = new FakeOutboundHttp().Answer(201, "{\"id\":\"c-9\"}", "application/json; charset=utf-8");

        var (result, _) = await Run(http, "{'id':'a1','type':'api_call','method':'POST','url':'https://crm.test/calls','body':'{{payload.phone}}','saveAs':'crm','next':'after'}", ("phone", "+351"));

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Completed));
        Assert.That(result.Outputs["crm"]!.ToJsonString(), Is.EqualTo("{\"status\":201,\"body\":{\"id\":\"c-9\"}}"));
        Assert.That(result.Journey[0], Has.Property("Outcome").EqualTo("api_completed").And.Property("Message").EqualTo("POST https://crm.test/calls → 201"));
        Assert.That(result.Disposition, Is.EqualTo("reached"));
    }

    [Test]
    public async Task The_request_is_rendered_with_escaped_url_values_json_safe_body_and_headers()
    {
        var http = new FakeOutboundHttp();

        await Run(
            http,
            "{'id':'a1','type':'api_call','method':'PUT','url':'https://crm.test/c/{{payload.id}}?n={{name}}','body':'{\\\"name\\\":\\\"{{name}}\\\"}','headers':{'Authorization':'Bearer {{payload.token}}'},'saveAs':'crm'}",
            ("id", "a/b?x=1"), ("name", "O\"Brien & co"), ("token", "t1\r\nX-Evil: 1"));

        var request = http.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("PUT"));
        Assert.That(request.Url.AbsoluteUri, Is.EqualTo("https://crm.test/c/a%2Fb%3Fx%3D1?n=O%22Brien%20%26%20co"));
        Assert.That(request.Body, Is.EqualTo("{\"name\":\"O\\\"Brien & co\"}"));
        Assert.That(JsonNode.Parse(request.Body!)!["name"]!.GetValue<string>(), Is.EqualTo("O\"Brien & co"));
        Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer t1 X-Evil: 1"));
        Assert.That(request.Headers["Idempotency-Key"], Is.EqualTo("11111111111111111111111111111111-22222222222222222222222222222222-a1"));
    }

    [Test]
    public async Task A_plain_text_body_gets_values_as_they_are()
    {
        var http = new FakeOutboundHttp();

        await Run(http, "{'id':'a1','type':'api_call','method':'POST','url':'https://crm.test/','body':'phone={{payload.phone}}','saveAs':'crm'}", ("phone", "\"+351\""));

        Assert.That(http.Requests.Single().Body, Is.EqualTo("phone=\"+351\""));
    }

    [Test]
    public async Task A_definition_may_set_its_own_idempotency_key()
    {
        var http = new FakeOutboundHttp();

        await Run(http, "{'id':'a1','type':'api_call','method':'POST','url':'https://crm.test/','headers':{'idempotency-key':'{{payload.id}}'},'saveAs':'crm'}", ("id", "row-7"));

        Assert.That(http.Requests.Single().Headers["Idempotency-Key"], Is.EqualTo("row-7"));
    }

    [TestCase(404)]
    [TestCase(503)]
    [TestCase(302)]
    public async Task A_final_status_outside_2xx_fails_the_record_but_keeps_the_response(int status)
    {
        var http = new FakeOutboundHttp().Answer(status, "nope", "text/plain");

        var (result, _) = await Run(http, "{'id':'a1','type':'api_call','method':'GET','url':'https://crm.test/x?token=secret','saveAs':'crm','next':'after'}");

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(result.Error, Is.EqualTo($"GET https://crm.test/x → {status}"));
        Assert.That(result.Outputs["crm"]!["status"]!.GetValue<int>(), Is.EqualTo(status));
        Assert.That(result.Outputs["crm"]!["body"]!.GetValue<string>(), Is.EqualTo("nope"));
        Assert.That(result.Disposition, Is.Null);
    }

    [Test]
    public async Task A_refused_destination_fails_the_record_with_the_reason()
    {
        var http = new FakeOutboundHttp().Throw(new OutboundRefusedException("Host 'evil.test' is not on Runtime:Outbound:AllowedHosts."));

        var (result, _) = await Run(http, "{'id':'a1','type':'api_call','method':'GET','url':'https://evil.test/','saveAs':'crm','next':'after'}");

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(result.Journey.Single().Outcome, Is.EqualTo("api_refused"));
        Assert.That(result.Error, Does.Contain("not on Runtime:Outbound:AllowedHosts"));
        Assert.That(result.Outputs.ContainsKey("crm"), Is.False);
    }

    [Test]
    public async Task A_transport_failure_fails_the_record()
    {
        var http = new FakeOutboundHttp().Throw(new OutboundFailedException("No response within 10 seconds."));

        var (result, _) = await Run(http, "{'id':'a1','type':'api_call','method':'GET','url':'https://crm.test/','saveAs':'crm','next':'after'}");

        Assert.That((result.Status, result.Journey.Single().Outcome), Is.EqualTo((RecordStatus.Failed, "api_failed")));
        Assert.That(result.Error, Is.EqualTo("GET https://crm.test/: No response within 10 seconds."));
    }

    [Test]
    public async Task A_truncated_or_non_json_body_is_kept_as_text()
    {
        var http = new FakeOutboundHttp().Answer(200, "{\"partial", "application/json", truncated: true).Answer(200, "not json", "application/json");
        var definition = Definition(
            "{'id':'a1','type':'api_call','method':'GET','url':'https://crm.test/1','saveAs':'one','next':'a2'}",
            "{'id':'a2','type':'api_call','method':'GET','url':'https://crm.test/2','saveAs':'two'}");

        var result = await Engine(http).RunAsync(definition, Payload(), Context, CancellationToken.None);

        Assert.That(result.Outputs["one"]!.ToJsonString(), Is.EqualTo("{\"status\":200,\"body\":\"{\\u0022partial\",\"truncated\":true}"));
        Assert.That(result.Outputs["two"]!["body"]!.GetValue<string>(), Is.EqualTo("not json"));
    }

    [Test]
    public async Task A_decision_can_branch_on_a_saved_response()
    {
        var http = new FakeOutboundHttp().Answer(200, "{\"status\":\"vip\"}", "application/json");
        var definition = Definition(
            "{'id':'a1','type':'api_call','method':'GET','url':'https://crm.test/','saveAs':'crm','next':'d1'}",
            "{'id':'d1','type':'decision','branches':[{'when':{'field':'output.crm.body.status','equals':'vip'},'next':'vip'}],'default':'std'}",
            "{'id':'vip','type':'tag','disposition':'VIP'}",
            "{'id':'std','type':'tag','disposition':'Standard'}");

        var result = await Engine(http).RunAsync(definition, Payload(), Context, CancellationToken.None);

        Assert.That(result.Disposition, Is.EqualTo("VIP"));
    }
}
