using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime;

/// <summary>Output keys that steps other than api_call write (the rule itself is the domain's <see cref="OutputKey"/>).</summary>
public static class OutputKeys
{
    public const string Disposition = OutputKey.Disposition;
    public const string AiResponse = OutputKey.AiResponse;
}
