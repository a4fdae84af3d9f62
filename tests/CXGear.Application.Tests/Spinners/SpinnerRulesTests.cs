using System.Text.Json;
using CXGear.Application.Spinners.Common;
using CXGear.Application.Spinners.Runtime.Outbound;
using FluentValidation;

namespace CXGear.Application.Tests.Spinners;

public sealed class SpinnerRulesTests
{
    private sealed record SaveSpinner(JsonElement Definition, string? Cron, string? TimeZone);

    private sealed class SaveSpinnerValidator : AbstractValidator<SaveSpinner>
    {
        public SaveSpinnerValidator()
        {
            RuleFor(x => x.Definition).ValidSpinnerDefinition();
            RuleFor(x => x).Custom((x, context) => context.AddScheduleFailures(x.Cron, x.TimeZone));
        }
    }

    [Test]
    public void Definition_and_schedule_errors_become_failures_at_their_paths()
    {
        var definition = JsonSerializer.Deserialize<JsonElement>("""{"steps":[{"id":"s1","type":"log","message":"x","next":"ghost"}]}""");

        var result = new SaveSpinnerValidator().Validate(new SaveSpinner(definition, "* *", "Nowhere/Land"));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "definition.steps[0].next", "cron", "timeZone" }));
    }

    private sealed class RefuseEveryPort(string why) : IOutboundDestinations
    {
        public List<Uri> Judged { get; } = [];

        public string? RefusalAtSave(Uri url)
        {
            Judged.Add(url);
            return why;
        }

        public string? RefusalBeforeCall(Uri url) => why;
    }

    private sealed class SaveWithDestinations : AbstractValidator<SaveSpinner>
    {
        public SaveWithDestinations(IOutboundDestinations destinations) => RuleFor(x => x.Definition).ValidSpinnerDefinition(destinations);
    }

    [Test]
    public void An_api_call_the_destination_rules_refuse_fails_at_its_url_with_templates_filled_by_placeholders()
    {
        var definition = JsonSerializer.Deserialize<JsonElement>(
            """{"steps":[{"id":"s1","type":"log","message":"x","next":"a1"},{"id":"a1","type":"api_call","method":"GET","url":"https://api.crm.test:8443/c/{{payload.phone}}?q={{name}}","saveAs":"crm"}]}""");
        var destinations = new RefuseEveryPort("not there");

        var result = new SaveWithDestinations(destinations).Validate(new SaveSpinner(definition, null, null));

        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[] { ("definition.steps[1].url", "not there") }));
        Assert.That(destinations.Judged.Select(u => (u.Host, u.Port)), Is.EqualTo(new[] { ("api.crm.test", 8443) }));
    }

    [Test]
    public void An_invalid_definition_reports_its_own_errors_and_no_destination_is_judged()
    {
        var definition = JsonSerializer.Deserialize<JsonElement>(
            """{"steps":[{"id":"a1","type":"api_call","method":"GET","url":"https://api.crm.test/","saveAs":"crm","next":"ghost"}]}""");
        var destinations = new RefuseEveryPort("not there");

        var result = new SaveWithDestinations(destinations).Validate(new SaveSpinner(definition, null, null));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "definition.steps[0].next" }));
        Assert.That(destinations.Judged, Is.Empty);
    }

    [Test]
    public void A_valid_definition_and_schedule_pass()
    {
        var definition = JsonSerializer.Deserialize<JsonElement>("""{"steps":[{"id":"s1","type":"tag","disposition":"x"}]}""");

        Assert.That(new SaveSpinnerValidator().Validate(new SaveSpinner(definition, "0 9 * * 1-5", "Europe/Lisbon")).IsValid, Is.True);
    }

    [Test]
    public void A_missing_definition_is_an_error_at_definition()
    {
        var result = new SaveSpinnerValidator().Validate(new SaveSpinner(default, "0 9 * * *", "UTC"));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "definition" }));
    }
}
