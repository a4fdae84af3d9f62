using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using CXGear.Application.Spinners.Runtime.Ai;
using CXGear.Application.Spinners.Runtime.Functions;
using CXGear.Application.Spinners.Runtime.Channels;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Application.Spinners.Runtime.Secrets;
using CXGear.Application.Spinners.Runtime.Steps;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Spinners.Runtime;

/// <summary>
/// Runs one record through a definition: from the entry step, following each step's <c>next</c> or a decision's
/// branch, until a step has no next or one fails. It touches no database; the job runtime stores what it returns.
/// Cancellation propagates as <see cref="OperationCanceledException"/> so the caller can tell "cancelled" from "failed".
/// Every vault value a step revealed is scrubbed from what the record keeps: journey lines, the error and the outputs.
/// </summary>
public sealed partial class SpinnerEngine(
    IOutboundHttp http,
    IVaultSecretReader vault,
    IFunctionRunner functions,
    IAiChat ai,
    IAiProviderSettingsReader aiSettings,
    IChannelMessenger channels,
    TimeProvider time,
    IOptions<SpinnerEngineOptions> options,
    ILogger<SpinnerEngine> logger)
{
    /// <summary>A journey line is for reading; a log template that pulls in large fields must not bloat every stored event.</summary>
    public const int MaxJourneyMessageLength = 2_000;

    public async Task<RecordRunResult> RunAsync(
        SpinnerDefinition definition,
        IReadOnlyDictionary<string, JsonElement> payload,
        RunContext context,
        CancellationToken cancellationToken)
    {
        var state = new RecordState(payload, context, new RecordSecrets(vault, context.OrganizationId));
        var secrets = state.Secrets;
        var journey = new List<StepEvent>();
        var startedAt = time.GetUtcNow();
        var maxSteps = options.Value.MaxStepsPerRecord;
        string? error = null;
        var aiUsage = AiUsage.None;
        var current = definition.Entry.Id;
        for (var count = 1; current is not null; count++)
        {
            if (count > maxSteps)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"Stopped after {maxSteps} steps, the per-record step limit.");
                break;
            }

            var step = definition.Step(current);
            var stepStarted = time.GetUtcNow();
            var result = await RunStepAsync(step, state, cancellationToken);
            if (result.Usage is { } usage)
            {
                aiUsage += usage;
            }

            var message = Shorten(secrets.ScrubOrNull(result.Message));
            journey.Add(new StepEvent(step.Id, step.Type, result.Outcome, message, stepStarted, time.GetUtcNow()));
            if (result.Failed)
            {
                error = message;
                break;
            }

            current = result.Next;
        }

        var status = error is null ? RecordStatus.Completed : RecordStatus.Failed;
        secrets.Scrub(state.Outputs);
        return new RecordRunResult(status, error, state.Outputs, journey, startedAt, time.GetUtcNow()) { VaultLabelsUsed = secrets.UsedLabels, AiUsage = aiUsage, ChannelMessagesSent = state.ChannelMessages };
    }

    private async Task<StepResult> RunStepAsync(SpinnerStep step, RecordState state, CancellationToken cancellationToken)
    {
        try
        {
            return step switch
            {
                LogStep log => LogStepRunner.Run(log, state, logger),
                TagStep tag => TagStepRunner.Run(tag, state),
                DecisionStep decision => DecisionStepRunner.Run(decision, state),
                ApiCallStep call => await ApiCallStepRunner.RunAsync(call, state, http, cancellationToken),
                AiAgentStep agent => await AiAgentStepRunner.RunAsync(agent, state, ai, aiSettings, cancellationToken),
                FunctionStep function => await FunctionStepRunner.RunAsync(function, state, functions, cancellationToken),
                SendWhatsAppStep send => await SendWhatsAppStepRunner.RunAsync(send, state, channels, time, cancellationToken),
                _ => StepResult.Fail("error", $"The runtime cannot run steps of type '{step.Type}'."),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One record's surprise must not end the job; the details go to the log, not to the journey.
            StepCrashed(logger, exception, state.Context.JobId, state.Context.RecordId, step.Id);
            return StepResult.Fail("error", "The step failed unexpectedly; the runtime log has the details.");
        }
    }

    /// <summary>At most <see cref="MaxJourneyMessageLength"/> characters, then "…": journey lines and the log step's text.</summary>
    [return: NotNullIfNotNull(nameof(message))]
    internal static string? Shorten(string? message) =>
        message is { Length: > MaxJourneyMessageLength } ? message[..MaxJourneyMessageLength] + "…" : message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} record {RecordId}: step {StepId} threw")]
    private static partial void StepCrashed(ILogger logger, Exception exception, Guid jobId, Guid recordId, string stepId);
}
