using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CXGear.Application.Spinners.Runtime.Functions;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>
/// Calls <c>main(params, context)</c> with the row's fields and the outputs so far (outputs win on a shared name, as
/// in templates) and merges the object it returns into the outputs. Keys other steps own are refused, so a function
/// cannot fake a disposition or an AI answer. The journey line has the duration, the keys written and the logged lines.
/// </summary>
internal static class FunctionStepRunner
{
    public static async Task<StepResult> RunAsync(FunctionStep step, RecordState state, IFunctionRunner runner, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in state.Payload)
        {
            parameters[key] = JsonNode.Parse(value.GetRawText());
        }

        foreach (var (key, value) in state.Outputs)
        {
            parameters[key] = value?.DeepClone();
        }

        var context = new FunctionContext(
            state.Context.RecordId, state.Context.JobId, state.Context.ProjectId, state.Context.OrganizationId, label => Reveal(state, label, cancellationToken));
        var started = Stopwatch.GetTimestamp();

        // The interpreter is synchronous; run it off the caller so a job's other records keep going while it computes.
        var outcome = await Task.Run(() => runner.Run(step.Code, parameters, context, cancellationToken), cancellationToken);
        var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        var logs = outcome.Logs.Count == 0 ? string.Empty : "; log: " + string.Join(" | ", outcome.Logs);
        if (outcome.Failed)
        {
            return StepResult.Fail("function_failed", $"{outcome.ErrorCode}: {outcome.Error} ({took} ms){logs}");
        }

        var returned = outcome.Returned ?? [];
        var reserved = returned.Select(p => p.Key).Where(key => OutputKey.IsReservedFor(key, StepTypes.Function)).ToList();
        if (reserved.Count > 0)
        {
            return StepResult.Fail("function_failed", $"{FunctionOutcome.ErrorCodeGeneric}: main() returned reserved output keys {string.Join(", ", reserved)} ({took} ms){logs}");
        }

        var names = returned.Select(p => p.Key).ToList();
        foreach (var name in names)
        {
            var value = returned[name];
            returned.Remove(name);
            state.Outputs[name] = state.Secrets.Scrub(value);
        }

        var keys = names.Count == 0 ? "nothing" : string.Join(", ", names);
        return StepResult.Done("function_completed", $"main() returned {keys} ({took} ms){logs}", step.Next);
    }

    /// <summary>
    /// <c>context.vault(label)</c>: the record's own vault access, so the value is scrubbed from everything kept and the
    /// label counts as used. Blocking is bounded: one indexed read, on the thread the sandbox already holds.
    /// </summary>
    private static string? Reveal(RecordState state, string label, CancellationToken cancellationToken)
    {
        var (values, missing) = state.Secrets.RevealAsync([label], cancellationToken).GetAwaiter().GetResult();
        return missing.Count > 0 ? null : values[label];
    }

}
