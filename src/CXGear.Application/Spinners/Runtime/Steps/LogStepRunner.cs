using CXGear.Domain.Spinners.Definitions;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>Writes the rendered message to the journey and the runtime log (docs/api.md#spinner-definitions).</summary>
internal static partial class LogStepRunner
{
    public static StepResult Run(LogStep step, RecordState state, ILogger logger)
    {
        var message = TemplateRenderer.Render(step.Message, state);
        LogLine(logger, state.Context.SpinnerId, state.Context.JobId, state.Context.RecordId, step.Id, message);
        return StepResult.Done("logged", message, step.Next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Spinner {SpinnerId} job {JobId} record {RecordId} step {StepId}: {Line}")]
    private static partial void LogLine(ILogger logger, Guid spinnerId, Guid jobId, Guid recordId, string stepId, string line);
}
