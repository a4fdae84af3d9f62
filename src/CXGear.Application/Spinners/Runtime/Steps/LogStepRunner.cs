using CXGear.Domain.Spinners.Definitions;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>
/// Writes the rendered message to the journey and the runtime log (docs/api.md#spinner-definitions), capped at
/// <see cref="SpinnerEngine.MaxJourneyMessageLength"/> characters after templating: a template that pulls in a large
/// field must not write megabytes per record. The text carries row data (names, phones), so the runtime log gets it
/// at Debug only; at Information it gets the step and the text's length, enough to see the step ran.
/// </summary>
internal static partial class LogStepRunner
{
    public static StepResult Run(LogStep step, RecordState state, ILogger logger)
    {
        // Scrubbed here too, not only in the journey: the Debug line below is written before the engine sees it.
        var rendered = state.Secrets.Scrub(TemplateRenderer.Render(step.Message, state));
        var message = SpinnerEngine.Shorten(rendered);
        Logged(logger, state.Context.SpinnerId, state.Context.JobId, state.Context.RecordId, step.Id, rendered.Length);
        LogLine(logger, state.Context.SpinnerId, state.Context.JobId, state.Context.RecordId, step.Id, message);
        return StepResult.Done("logged", message, step.Next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Spinner {SpinnerId} job {JobId} record {RecordId} step {StepId} logged {Length} characters")]
    private static partial void Logged(ILogger logger, Guid spinnerId, Guid jobId, Guid recordId, string stepId, int length);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spinner {SpinnerId} job {JobId} record {RecordId} step {StepId}: {Line}")]
    private static partial void LogLine(ILogger logger, Guid spinnerId, Guid jobId, Guid recordId, string stepId, string line);
}
