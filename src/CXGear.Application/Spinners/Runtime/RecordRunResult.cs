using System.Text.Json.Nodes;
using CXGear.Application.Spinners.Runtime.Channels;

namespace CXGear.Application.Spinners.Runtime;

/// <summary>
/// What one record's run produced. <see cref="Outputs"/> is the <c>output.*</c> bag (<c>disposition</c>,
/// <c>ai_response</c>, each api_call's <c>saveAs</c>), kept on failure too so the journey shows how far it got.
/// </summary>
public sealed record RecordRunResult(
    RecordStatus Status,
    string? Error,
    JsonObject Outputs,
    IReadOnlyList<StepEvent> Journey,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt)
{
    public string? Disposition => Outputs[OutputKeys.Disposition]?.GetValue<string>();

    /// <summary>The vault labels the record's steps read, for their "last used" stamp.</summary>
    public IReadOnlyCollection<string> VaultLabelsUsed { get; init; } = [];

    /// <summary>The LLM calls the record's <c>ai_agent</c> steps made and their tokens, for the month's usage line.</summary>
    public AiUsage AiUsage { get; init; } = AiUsage.None;

    /// <summary>The messages the record's steps sent, written by the flush in the outcome's transaction.</summary>
    public IReadOnlyList<OutboundChannelMessage> ChannelMessagesSent { get; init; } = [];
}
