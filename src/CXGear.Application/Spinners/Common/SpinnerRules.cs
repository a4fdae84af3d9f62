using System.Text.Json;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Application.Spinners.Schedules;
using CXGear.Domain.Spinners.Definitions;
using CXGear.Application.Common.Behaviors;
using FluentValidation;
using FluentValidation.Results;

namespace CXGear.Application.Spinners.Common;

/// <summary>
/// FluentValidation rules for the spinner routes, so a bad definition or schedule becomes the usual 400
/// <c>VALIDATION_ERROR</c> with one entry per problem at its JSON path.
/// </summary>
public static class SpinnerRules
{
    /// <summary>
    /// Every definition error, at <c>definition.steps[i]…</c>; for a valid definition, the rules of a save (literal
    /// credentials, vault references out of place; whether the vault holds each label is the handler's check) and,
    /// with <paramref name="destinations"/>, each api_call URL that could never be called
    /// (<see cref="IOutboundDestinations.RefusalAtSave"/>), at <c>definition.steps[i].url</c>. The call itself is
    /// checked again, every time (DNS can change).
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, JsonElement> ValidSpinnerDefinition<T>(this IRuleBuilder<T, JsonElement> rule, IOutboundDestinations? destinations = null) =>
        rule.Custom((json, context) =>
        {
            var parsed = SpinnerDefinition.Parse(json);
            foreach (var error in parsed.Definition?.SaveProblems() ?? parsed.Errors)
            {
                context.AddFailure(new ValidationFailure(error.Path, error.Message) { CustomState = FieldPaths.JsonPath });
            }

            for (var i = 0; destinations is not null && parsed.Definition is { } valid && i < valid.Steps.Count; i++)
            {
                if (valid.Steps[i] is ApiCallStep call && destinations.RefusalAtSave(call.Destination) is { } refusal)
                {
                    context.AddFailure(new ValidationFailure($"definition.steps[{i}].url", refusal) { CustomState = FieldPaths.JsonPath });
                }
            }
        });

    /// <summary>Cron and zone errors at <c>cron</c> and <c>timeZone</c>.</summary>
    public static void AddScheduleFailures<T>(this ValidationContext<T> context, string? cron, string? timeZone)
    {
        if (!SpinnerSchedule.TryCreate(cron, timeZone, enabled: true, out _, out var errors))
        {
            foreach (var error in errors)
            {
                context.AddFailure(error.Path, error.Message);
            }
        }
    }
}
