namespace CXGear.Application.Spinners.Runtime;

/// <summary>Output keys that steps other than api_call write.</summary>
public static class OutputKeys
{
    public const string Disposition = "disposition";
    public const string AiResponse = "ai_response";
}
