namespace CXGear.Domain.Billing;

/// <summary>
/// The LLM calls and tokens an organization's <c>ai_agent</c> steps used in one month (<c>yyyy-MM</c>, UTC). A usage
/// line for the bill, not a plan cap: nothing is refused when it grows. Added to with conditional updates in the
/// database by the runtime's flush, never read-modify-written here.
/// </summary>
public sealed class AiTokenUsage
{
    private AiTokenUsage() => Period = string.Empty;

    public Guid OrganizationId { get; private set; }
    public string Period { get; private set; }
    public long Calls { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }

    public static AiTokenUsage Start(Guid organizationId, string period, long calls, long inputTokens, long outputTokens) =>
        new() { OrganizationId = organizationId, Period = period, Calls = calls, InputTokens = inputTokens, OutputTokens = outputTokens };
}
