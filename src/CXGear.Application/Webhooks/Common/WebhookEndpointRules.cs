using CXGear.Domain.Webhooks;
using FluentValidation;

namespace CXGear.Application.Webhooks.Common;

/// <summary>The entity's own rules, reported by the validators as 400s at their fields (create and update share them).</summary>
internal static class WebhookEndpointRules
{
    public static IRuleBuilderOptionsConditions<T, string?> AddUrlRule<T>(this IRuleBuilder<T, string?> rule) => rule.Custom((url, context) =>
    {
        if (WebhookEndpoint.UrlProblem(url) is { } problem)
        {
            context.AddFailure(problem);
        }
    });

    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> AddEventsRule<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) => rule.Custom((events, context) =>
    {
        if (WebhookEndpoint.EventsProblem(events) is { } problem)
        {
            context.AddFailure(problem);
        }
    });

    public static IRuleBuilderOptions<T, string?> AddDescriptionRule<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(d => d is null || d.Trim().Length <= WebhookEndpoint.MaxDescriptionLength)
            .WithMessage($"'description' is at most {WebhookEndpoint.MaxDescriptionLength} characters.");
}
