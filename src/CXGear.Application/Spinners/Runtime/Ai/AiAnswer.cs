using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Ai;

/// <summary>
/// The instruction each output mode adds to the role, and the check of the answer against it. Models wrap JSON in
/// code fences now and then; that much is forgiven, anything else that does not fit the mode is a problem.
/// </summary>
internal static class AiAnswer
{
    public static bool WantsJson(AiAgentStep step) => step.OutputMode is AiAgentStep.KeyValueMode or AiAgentStep.ListMode;

    public static string? SystemPrompt(AiAgentStep step)
    {
        var instruction = step.OutputMode switch
        {
            AiAgentStep.KeyValueMode =>
                $"Answer with a JSON object and nothing else. It has exactly these keys: {string.Join(", ", step.Keys)}.",
            AiAgentStep.ClassificationMode =>
                $"Answer with exactly one of these labels and nothing else: {string.Join(" | ", step.Labels)}.",
            AiAgentStep.ListMode => "Answer with a JSON array of strings and nothing else.",
            _ => null,
        };
        return (step.Role, instruction) switch
        {
            (null, null) => null,
            (null, _) => instruction,
            (_, null) => step.Role,
            _ => step.Role + "\n\n" + instruction,
        };
    }

    /// <summary>The value to save, or why the answer does not fit the step's mode.</summary>
    public static (JsonNode? Value, string? Problem) Read(AiAgentStep step, string text) => step.OutputMode switch
    {
        AiAgentStep.KeyValueMode => KeyValue(step, text),
        AiAgentStep.ClassificationMode => Classification(step, text),
        AiAgentStep.ListMode => List(text),
        _ => string.IsNullOrWhiteSpace(text) ? (null, "the answer is empty") : (JsonValue.Create(text), null),
    };

    private static (JsonNode?, string?) KeyValue(AiAgentStep step, string text)
    {
        if (Parse(text) is not JsonObject answer)
        {
            return (null, "expected a JSON object");
        }

        var keys = answer.Select(p => p.Key).ToList();
        var missing = step.Keys.Except(keys, StringComparer.Ordinal).ToList();
        var extra = keys.Except(step.Keys, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add("missing " + string.Join(", ", missing));
            }

            if (extra.Count > 0)
            {
                parts.Add("unexpected " + string.Join(", ", extra));
            }

            return (null, $"the object's keys do not match ({string.Join("; ", parts)})");
        }

        return (answer, null);
    }

    private static (JsonNode?, string?) Classification(AiAgentStep step, string text)
    {
        var answer = text.Trim().Trim('"', '\'', '`', '.', ' ');
        var label = step.Labels.FirstOrDefault(l => string.Equals(l, answer, StringComparison.OrdinalIgnoreCase));
        return label is null ? (null, $"expected one of {string.Join(", ", step.Labels)}") : (JsonValue.Create(label), null);
    }

    private static (JsonNode?, string?) List(string text)
    {
        if (Parse(text) is not JsonArray array || array.Any(i => i is null || i.GetValueKind() != JsonValueKind.String))
        {
            return (null, "expected a JSON array of strings");
        }

        return (array, null);
    }

    private static JsonNode? Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = trimmed.IndexOf('\n');
            var closing = trimmed.LastIndexOf("```", StringComparison.Ordinal);
            trimmed = firstLine > 0 && closing > firstLine ? trimmed[(firstLine + 1)..closing].Trim() : trimmed;
        }

        try
        {
            return JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
