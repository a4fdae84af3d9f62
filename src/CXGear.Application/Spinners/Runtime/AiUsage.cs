namespace CXGear.Application.Spinners.Runtime;

/// <summary>LLM calls and the tokens they used (a provider that reports none counts the call with zero tokens).</summary>
public sealed record AiUsage(long Calls, long InputTokens, long OutputTokens)
{
    public static readonly AiUsage None = new(0, 0, 0);

    public static AiUsage operator +(AiUsage left, AiUsage right) =>
        new(left.Calls + right.Calls, left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);
}
