using System.Text.Json.Nodes;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>
/// The <c>Mock</c> provider answers without any network call and always the same way, so spinners can be built and
/// tested end to end: text mode writes <c>"Mock: " + rendered task</c> to <c>output.ai_response</c>; json mode writes
/// the object <c>{"provider":"Mock","response":"Mock: " + rendered task}</c>. Other providers are refused at save time.
/// </summary>
internal static class AiAgentStepRunner
{
    private const int JourneyMessageLength = 500;

    public static StepResult Run(AiAgentStep step, RecordState state)
    {
        var response = "Mock: " + TemplateRenderer.Render(step.Task, state);
        state.Outputs[OutputKeys.AiResponse] = step.OutputMode == AiAgentStep.JsonMode
            ? new JsonObject { ["provider"] = step.Provider, ["response"] = response }
            : JsonValue.Create(response);
        var message = response.Length > JourneyMessageLength ? response[..JourneyMessageLength] + "…" : response;
        return StepResult.Done("ai_completed", message, step.Next);
    }
}
