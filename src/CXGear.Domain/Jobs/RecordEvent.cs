namespace CXGear.Domain.Jobs;

/// <summary>One step of a record's journey: which step ran, its type, outcome and message, and when.</summary>
public sealed class RecordEvent
{
    public const int MaxStepIdLength = 64;
    public const int MaxTypeLength = 32;
    public const int MaxOutcomeLength = 32;
    public const int MaxMessageLength = 2_000;

    private RecordEvent()
    {
        StepId = string.Empty;
        Type = string.Empty;
        Outcome = string.Empty;
    }

    public Guid RecordId { get; private set; }

    /// <summary>Position in the record's journey, from 1.</summary>
    public int Index { get; private set; }

    public string StepId { get; private set; }
    public string Type { get; private set; }
    public string Outcome { get; private set; }
    public string? Message { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime EndedAt { get; private set; }

    public static RecordEvent Create(Guid recordId, int index, string stepId, string type, string outcome, string? message, DateTime startedAt, DateTime endedAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentException.ThrowIfNullOrEmpty(stepId);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(outcome);
        return new RecordEvent
        {
            RecordId = recordId,
            Index = index,
            StepId = stepId,
            Type = type,
            Outcome = outcome,
            Message = message is { Length: > MaxMessageLength } ? string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…") : message,
            StartedAt = startedAt,
            EndedAt = endedAt,
        };
    }
}
