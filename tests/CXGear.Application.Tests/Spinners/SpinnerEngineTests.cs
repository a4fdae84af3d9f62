using System.Text.Json.Nodes;
using CXGear.Application.Spinners.Runtime;
using Microsoft.Extensions.Time.Testing;
using static CXGear.Application.Tests.Spinners.Fixtures;

namespace CXGear.Application.Tests.Spinners;

public sealed class SpinnerEngineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_log_and_tag_spinner_completes_with_the_disposition_and_a_journey_of_both_steps()
    {
        var definition = Definition(
            "{'id':'s1','type':'log','message':'Hi {{name}}, job {{context.jobId}}','next':'s2'}",
            "{'id':'s2','type':'tag','disposition':'Contacted'}");

        var result = await Engine(time: new FakeTimeProvider(Start)).RunAsync(definition, Payload(("name", "Ana")), Context, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Completed));
        Assert.That(result.Error, Is.Null);
        Assert.That(result.Disposition, Is.EqualTo("Contacted"));
        Assert.That(result.Journey, Is.EqualTo(new[]
        {
            new StepEvent("s1", "log", "logged", "Hi Ana, job 11111111-1111-1111-1111-111111111111", Start, Start),
            new StepEvent("s2", "tag", "tagged", "Contacted", Start, Start),
        }));
        Assert.That((result.StartedAt, result.EndedAt), Is.EqualTo((Start, Start)));
    }

    [Test]
    public async Task Step_times_come_from_the_time_provider()
    {
        var time = new FakeTimeProvider(Start) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        var definition = Definition("{'id':'s1','type':'log','message':'a','next':'s2'}", "{'id':'s2','type':'log','message':'b'}");

        var result = await Engine(time: time).RunAsync(definition, Payload(), Context, CancellationToken.None);

        // Each GetUtcNow advances one second: record start, s1 start/end, s2 start/end, record end.
        Assert.That(result.Journey.Select(e => (e.StartedAt - Start).TotalSeconds), Is.EqualTo(new[] { 1d, 3d }));
        Assert.That(result.Journey.Select(e => (e.EndedAt - Start).TotalSeconds), Is.EqualTo(new[] { 2d, 4d }));
        Assert.That((result.EndedAt - result.StartedAt).TotalSeconds, Is.EqualTo(5));
    }

    [TestCase("Retry", "retry-path", "retried")]
    [TestCase("Other", "default-path", "defaulted")]
    public async Task A_decision_routes_by_an_earlier_output(string disposition, string expectedLog, string expectedTag)
    {
        var definition = Definition(
            $"{{'id':'t1','type':'tag','disposition':'{disposition}','next':'d1'}}",
            "{'id':'d1','type':'decision','branches':[{'when':{'field':'output.disposition','equals':'Retry'},'label':'retry','next':'r1'}],'default':'f1'}",
            "{'id':'r1','type':'log','message':'retry-path','next':'r2'}",
            "{'id':'r2','type':'tag','disposition':'retried'}",
            "{'id':'f1','type':'log','message':'default-path','next':'f2'}",
            "{'id':'f2','type':'tag','disposition':'defaulted'}");

        var result = await Engine().RunAsync(definition, Payload(), Context, CancellationToken.None);

        Assert.That(result.Journey.Select(e => e.Message).Skip(2).First(), Is.EqualTo(expectedLog));
        Assert.That(result.Disposition, Is.EqualTo(expectedTag));
        Assert.That(result.Journey, Has.Count.EqualTo(4));
        Assert.That(result.Journey[1].Outcome, Is.EqualTo("routed"));
    }

    [TestCase("PT", "pt")]
    [TestCase("ES", "es")]
    [TestCase("pt", "other")]
    [TestCase(null, "other")]
    public async Task A_decision_takes_the_first_matching_branch_by_exact_text(string? country, string expected)
    {
        var definition = Definition(
            "{'id':'d1','type':'decision','branches':[" +
            "{'when':{'field':'country','equals':'PT'},'next':'pt'}," +
            "{'when':{'field':'payload.country','equals':'ES'},'next':'es'}," +
            "{'when':{'field':'payload.country','equals':'PT'},'next':'es'}],'default':'other'}",
            "{'id':'pt','type':'tag','disposition':'pt'}",
            "{'id':'es','type':'tag','disposition':'es'}",
            "{'id':'other','type':'tag','disposition':'other'}");
        var payload = country is null ? Payload() : Payload(("country", country));

        var result = await Engine().RunAsync(definition, payload, Context, CancellationToken.None);

        Assert.That(result.Disposition, Is.EqualTo(expected));
    }

    [TestCase("42", "42", true)]
    [TestCase("42.0", "42", false)]
    [TestCase("true", "true", true)]
    [TestCase("null", "", true)]
    [TestCase("\"PT\"", "pt", false)]
    public async Task Decision_values_compare_as_their_rendered_text(string rawJson, string equals, bool matches)
    {
        var definition = Definition(
            $"{{'id':'d1','type':'decision','branches':[{{'when':{{'field':'v','equals':'{equals}'}},'next':'yes'}}],'default':'no'}}",
            "{'id':'yes','type':'tag','disposition':'yes'}",
            "{'id':'no','type':'tag','disposition':'no'}");
        using var value = System.Text.Json.JsonDocument.Parse(rawJson);
        var payload = new Dictionary<string, System.Text.Json.JsonElement> { ["v"] = value.RootElement.Clone() };

        var result = await Engine().RunAsync(definition, payload, Context, CancellationToken.None);

        Assert.That(result.Disposition, Is.EqualTo(matches ? "yes" : "no"));
    }

    [Test]
    public async Task A_field_that_names_nothing_matches_no_branch_even_against_its_placeholder()
    {
        var definition = Definition(
            "{'id':'d1','type':'decision','branches':[{'when':{'field':'missing','equals':'‹missing›'},'next':'yes'}],'default':'no'}",
            "{'id':'yes','type':'tag','disposition':'yes'}",
            "{'id':'no','type':'tag','disposition':'no'}");

        var result = await Engine().RunAsync(definition, Payload(), Context, CancellationToken.None);

        Assert.That(result.Disposition, Is.EqualTo("no"));
    }

    [Test]
    public async Task The_mock_ai_agent_writes_a_deterministic_text_response()
    {
        var definition = Definition("{'id':'m1','type':'ai_agent','provider':'Mock','role':'Be brief','task':'Summarise {{name}}','next':'s1'}", "{'id':'s1','type':'log','message':'AI said {{ai_response}}'}");

        var result = await Engine().RunAsync(definition, Payload(("name", "Ana")), Context, CancellationToken.None);

        Assert.That(result.Outputs[OutputKeys.AiResponse]!.GetValue<string>(), Is.EqualTo("Mock: Summarise Ana"));
        Assert.That(result.Journey.Select(e => (e.Outcome, e.Message)), Is.EqualTo(new[] { ("ai_completed", "Mock: Summarise Ana"), ("logged", "AI said Mock: Summarise Ana") }));
    }

    [Test]
    public async Task The_mock_ai_agent_in_json_mode_writes_an_object()
    {
        var definition = Definition("{'id':'m1','type':'ai_agent','provider':'Mock','task':'Rate {{name}}','outputMode':'json','next':'s1'}", "{'id':'s1','type':'log','message':'{{output.ai_response.response}}'}");

        var result = await Engine().RunAsync(definition, Payload(("name", "Ana")), Context, CancellationToken.None);

        Assert.That(result.Outputs[OutputKeys.AiResponse]!.ToJsonString(), Is.EqualTo("{\"provider\":\"Mock\",\"response\":\"Mock: Rate Ana\"}"));
        Assert.That(result.Journey[1].Message, Is.EqualTo("Mock: Rate Ana"));
    }

    [TestCase("'outputMode':'key_value','keys':['subject','body'],'saveAs':'email'", "email", "{\"subject\":\"Mock: Rate Ana\",\"body\":\"Mock: Rate Ana\"}")]
    [TestCase("'outputMode':'classification','labels':['Hot','Cold']", "ai_response", "\"Hot\"")]
    [TestCase("'outputMode':'list'", "ai_response", "[\"Mock: Rate Ana\"]")]
    public async Task The_mock_ai_agent_answers_each_product_mode_in_its_shape_under_saveAs(string fields, string key, string expected)
    {
        var definition = Definition("{'id':'m1','type':'ai_agent','provider':'Mock','task':'Rate {{name}}'," + fields + "}");

        var result = await Engine().RunAsync(definition, Payload(("name", "Ana")), Context, CancellationToken.None);

        Assert.That(result.Outputs[key]!.ToJsonString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task The_step_guard_fails_a_record_that_runs_too_many_steps()
    {
        var definition = Definition(
            "{'id':'s1','type':'log','message':'a','next':'s2'}",
            "{'id':'s2','type':'log','message':'b','next':'s3'}",
            "{'id':'s3','type':'tag','disposition':'never'}");

        var result = await Engine(maxSteps: 2).RunAsync(definition, Payload(), Context, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(result.Error, Is.EqualTo("Stopped after 2 steps, the per-record step limit."));
        Assert.That(result.Journey.Select(e => e.StepId), Is.EqualTo(new[] { "s1", "s2" }));
        Assert.That(result.Disposition, Is.Null);
    }

    [Test]
    public async Task The_step_guard_lets_a_record_of_exactly_the_limit_finish()
    {
        var definition = Definition("{'id':'s1','type':'log','message':'a','next':'s2'}", "{'id':'s2','type':'tag','disposition':'ok'}");

        var result = await Engine(maxSteps: 2).RunAsync(definition, Payload(), Context, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Completed));
    }

    [Test]
    public async Task Cancellation_propagates_instead_of_failing_the_record()
    {
        var definition = Definition("{'id':'a1','type':'api_call','method':'GET','url':'https://x.test/','saveAs':'r'}");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var http = new FakeOutboundHttp().Throw(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAsync<OperationCanceledException>(() => Engine(http).RunAsync(definition, Payload(), Context, cancelled.Token));
    }

    [Test]
    public async Task An_unexpected_exception_fails_only_the_record_without_leaking_its_message()
    {
        var definition = Definition("{'id':'a1','type':'api_call','method':'GET','url':'https://x.test/','saveAs':'r'}");
        var http = new FakeOutboundHttp().Throw(new InvalidOperationException("connection string Password=hunter2"));

        var result = await Engine(http).RunAsync(definition, Payload(), Context, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(result.Error, Does.Not.Contain("hunter2"));
        Assert.That(result.Journey.Single().Outcome, Is.EqualTo("error"));
    }

    [Test]
    public async Task Long_journey_messages_are_shortened()
    {
        var definition = Definition("{'id':'s1','type':'log','message':'{{note}}'}");
        var note = new string('n', SpinnerEngine.MaxJourneyMessageLength + 1);

        var result = await Engine().RunAsync(definition, Payload(("note", note)), Context, CancellationToken.None);

        Assert.That(result.Journey.Single().Message, Is.EqualTo(note[..SpinnerEngine.MaxJourneyMessageLength] + "…"));
    }

    [Test]
    public async Task Outputs_are_a_json_object_the_runtime_can_store()
    {
        var definition = Definition("{'id':'t','type':'tag','disposition':'Done'}");

        var result = await Engine().RunAsync(definition, Payload(), Context, CancellationToken.None);

        Assert.That(result.Outputs.ToJsonString(), Is.EqualTo(new JsonObject { ["disposition"] = "Done" }.ToJsonString()));
    }
}
