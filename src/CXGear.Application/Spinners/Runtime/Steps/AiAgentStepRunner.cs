using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CXGear.Application.Spinners.Runtime.Ai;
using CXGear.Application.Spinners.Runtime.Secrets;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>
/// One model call per record. The <c>Mock</c> provider answers without any network call and always the same way, so
/// spinners can be built and tested end to end: text writes <c>"Mock: " + rendered task</c>; json the object
/// <c>{"provider":"Mock","response":…}</c>; key_value that text under every key; classification the first label;
/// list a one-item array. A configured provider (<c>openai</c>, <c>anthropic</c>) is called with the role as the system
/// prompt and the rendered task as the user message, its API key revealed from the vault label of the organization's
/// setting (so it is scrubbed from everything kept), and the answer is checked against the output mode.
/// </summary>
internal static class AiAgentStepRunner
{
    public const string NotConfiguredCode = "AI_PROVIDER_NOT_CONFIGURED";
    public const string OutputInvalidCode = "AI_OUTPUT_INVALID";

    private const int JourneyMessageLength = 500;

    /// <summary>How much of an answer that did not fit is kept in the journey.</summary>
    public const int RawAnswerLength = 1_000;

    public static async Task<StepResult> RunAsync(
        AiAgentStep step, RecordState state, IAiChat ai, IAiProviderSettingsReader settings, CancellationToken cancellationToken)
    {
        if (!step.UsesConfiguredProvider)
        {
            return Mock(step, state);
        }

        var config = await settings.FindAsync(state.Context.OrganizationId, step.Provider, cancellationToken);
        if (config is null)
        {
            return StepResult.Fail(
                "ai_failed",
                $"{NotConfiguredCode}: the organization has no '{step.Provider}' provider setting; add it with PUT /integrations/ai-providers/{step.Provider}.");
        }

        var (values, missing) = await state.Secrets.RevealAsync([config.ApiKeyVaultLabel], cancellationToken);
        if (missing.Count > 0)
        {
            return StepResult.Fail("vault_missing", RecordSecrets.MissingError(missing));
        }

        var model = step.Model ?? config.DefaultModel;
        var request = new AiChatRequest(
            step.Provider,
            model,
            values[config.ApiKeyVaultLabel],
            config.BaseUrl is null ? null : new Uri(config.BaseUrl),
            AiAnswer.SystemPrompt(step),
            TemplateRenderer.Render(step.Task, state),
            AiAnswer.WantsJson(step));
        var started = Stopwatch.GetTimestamp();
        AiChatResponse response;
        try
        {
            response = await ai.CompleteAsync(request, cancellationToken);
        }
        catch (AiCallFailedException failed)
        {
            return StepResult.Fail("ai_failed", $"{failed.Message} ({step.Provider} {model}, {Took(started)})");
        }

        var usage = string.Create(
            CultureInfo.InvariantCulture,
            $"{step.Provider} {response.Model ?? model}: {response.InputTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} input + {response.OutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} output tokens, {Took(started)}");
        var tokens = new AiUsage(1, response.InputTokens ?? 0, response.OutputTokens ?? 0);
        var (value, problem) = AiAnswer.Read(step, response.Text);
        if (problem is not null)
        {
            return StepResult.Fail("ai_failed", $"{OutputInvalidCode}: {problem} ({usage}); answer: {Cap(response.Text, RawAnswerLength)}") with { Usage = tokens };
        }

        state.Outputs[step.SaveAs ?? OutputKeys.AiResponse] = state.Secrets.Scrub(value);
        return StepResult.Done("ai_completed", usage, step.Next) with { Usage = tokens };
    }

    private static StepResult Mock(AiAgentStep step, RecordState state)
    {
        var response = "Mock: " + TemplateRenderer.Render(step.Task, state);
        state.Outputs[step.SaveAs ?? OutputKeys.AiResponse] = step.OutputMode switch
        {
            AiAgentStep.JsonMode => new JsonObject { ["provider"] = step.Provider, ["response"] = response },
            AiAgentStep.KeyValueMode => new JsonObject(step.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)JsonValue.Create(response)))),
            AiAgentStep.ClassificationMode => JsonValue.Create(step.Labels[0]),
            AiAgentStep.ListMode => new JsonArray(JsonValue.Create(response)),
            _ => JsonValue.Create(response),
        };
        return StepResult.Done("ai_completed", Cap(response, JourneyMessageLength), step.Next);
    }

    private static string Took(long started) =>
        Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Cap(string text, int length) => text.Length > length ? text[..length] + "…" : text;
}
