namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>What one step did: its journey outcome and message, and the step to run next (null ends the record).</summary>
public sealed record StepResult(string Outcome, string? Message, string? Next, bool Failed)
{
    public static StepResult Done(string outcome, string? message, string? next) => new(outcome, message, next, Failed: false);

    public static StepResult Fail(string outcome, string message) => new(outcome, message, Next: null, Failed: true);

    /// <summary>An <c>ai_agent</c> call's tokens, whether or not its answer fit: they were spent either way.</summary>
    public AiUsage? Usage { get; init; }
}
