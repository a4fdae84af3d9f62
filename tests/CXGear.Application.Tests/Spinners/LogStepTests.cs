using CXGear.Application.Spinners.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static CXGear.Application.Tests.Spinners.Fixtures;

namespace CXGear.Application.Tests.Spinners;

/// <summary>
/// The log step (docs/api.md#spinner-definitions): its rendered text is capped, and a row's values reach the runtime log
/// only at Debug; at Information the line names the step and the length, nothing from the row.
/// </summary>
public sealed class LogStepTests
{
    private const string Phone = "+351 912 000 111";

    [Test]
    public async Task A_long_message_is_capped_with_a_marker_in_the_journey_and_the_log()
    {
        var definition = Definition("{'id':'s1','type':'log','message':'Call {{phone}}: {{note}}'}");
        var note = new string('n', 5_000);
        var logger = new FakeLogger<SpinnerEngine>();

        var result = await Engine(logger: logger).RunAsync(definition, Payload(("phone", Phone), ("note", note)), Context, CancellationToken.None);

        var rendered = $"Call {Phone}: {note}";
        var capped = rendered[..SpinnerEngine.MaxJourneyMessageLength] + "…";
        var debug = logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Debug).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Journey.Single().Message, Is.EqualTo(capped));
            Assert.That(debug, Has.Count.EqualTo(1));
            Assert.That(debug.Select(r => r.Message), Has.All.EndsWith(": " + capped), "the log gets the capped text, not all 5,000 characters");
        }
    }

    [Test]
    public async Task At_information_the_log_holds_the_step_and_the_length_but_no_row_data()
    {
        var definition = Definition("{'id':'greet','type':'log','message':'Call {{phone}} now'}");
        var logger = new FakeLogger<SpinnerEngine>();

        await Engine(logger: logger).RunAsync(definition, Payload(("phone", Phone)), Context, CancellationToken.None);

        var records = logger.Collector.GetSnapshot();
        var information = records.Where(r => r.Level >= LogLevel.Information).ToList();
        var length = $"Call {Phone} now".Length;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(information.Select(r => r.Message), Has.None.Contains(Phone), "row data at Information or above");
            Assert.That(information.Select(r => r.Message), Has.One.Contains("step greet").And.Contains($"{length} characters"));
            Assert.That(records.Where(r => r.Level == LogLevel.Debug).Select(r => r.Message), Has.One.Contains(Phone), "the text itself, at Debug only");
        }
    }

    [Test]
    public async Task A_vault_value_a_row_repeats_is_scrubbed_from_the_debug_line_too()
    {
        const string secret = "tok-0123456789";
        var definition = Definition(
            "{'id':'a1','type':'api_call','method':'GET','url':'https://crm.test/c','headers':{'Authorization':'Bearer {{vault.crm_token}}'},'saveAs':'crm','next':'l1'}",
            "{'id':'l1','type':'log','message':'note {{payload.note}}'}");
        var vault = new FakeVaultSecretReader { Values = { [(Context.OrganizationId, "crm_token")] = secret } };
        var logger = new FakeLogger<SpinnerEngine>();

        var result = await Engine(new FakeOutboundHttp().Answer(200), vault: vault, logger: logger)
            .RunAsync(definition, Payload(("note", $"pasted {secret}")), Context, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Journey[1].Message, Is.EqualTo("note pasted [secret]"));
            Assert.That(logger.Collector.GetSnapshot().Select(r => r.Message), Has.None.Contains(secret), "no log line, Debug included, holds the value");
        }
    }
}
