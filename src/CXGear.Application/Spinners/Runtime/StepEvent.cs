namespace CXGear.Application.Spinners.Runtime;

/// <summary>One line of a record's journey: which step ran, what came of it (<c>logged</c>, <c>ai_completed</c>, …) and when.</summary>
public sealed record StepEvent(string StepId, string Type, string Outcome, string? Message, DateTimeOffset StartedAt, DateTimeOffset EndedAt);
