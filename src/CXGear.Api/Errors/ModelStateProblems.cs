using CXGear.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CXGear.Api.Errors;

/// <summary>
/// Malformed JSON and wrong value types caught by model binding. The serializer's own messages name .NET
/// types, so the body says what is wrong in the client's terms instead.
/// </summary>
internal static class ModelStateProblems
{
    public static IActionResult Create(ActionContext context)
    {
        var errors = context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => FieldName(e.Key), e => new[] { Describe(e.Value!) });
        const string message = "The request body is not valid JSON for this route.";
        var problem = Problems.Create(
            context.HttpContext,
            StatusCodes.Status400BadRequest,
            ErrorCodes.ValidationError,
            message,
            [new("errors", errors)]);
        return new ProblemResult(problem);
    }

    private static string FieldName(string key)
    {
        var trimmed = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key.TrimStart('$');
        return trimmed.Length == 0 ? "body" : trimmed;
    }

    private static string Describe(ModelStateEntry entry) =>
        entry.Errors.Any(e => e.Exception is not null || e.ErrorMessage.Contains("JSON", StringComparison.OrdinalIgnoreCase))
            ? "Malformed JSON, or a value of the wrong type."
            : entry.Errors[0].ErrorMessage;
}
