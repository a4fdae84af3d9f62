using System.Text.Json;
using CXGear.Application.Spinners.Common;
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
