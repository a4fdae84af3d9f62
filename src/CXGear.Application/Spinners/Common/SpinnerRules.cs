using System.Text.Json;
using CXGear.Application.Spinners.Schedules;
using CXGear.Domain.Spinners.Definitions;
using FluentValidation;

namespace CXGear.Application.Spinners.Common;

/// <summary>
/// FluentValidation rules for the spinner routes, so a bad definition or schedule becomes the usual 400
/// <c>VALIDATION_ERROR</c> with one entry per problem at its JSON path.
/// </summary>
public static class SpinnerRules
{
    /// <summary>Every definition error, at <c>definition.steps[i]…</c>.</summary>
    public static IRuleBuilderOptionsConditions<T, JsonElement> ValidSpinnerDefinition<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Custom((definition, context) =>
        {
            foreach (var error in SpinnerDefinition.Parse(definition).Errors)
            {
                context.AddFailure(error.Path, error.Message);
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
