namespace CXGear.Domain.Spinners.Definitions;

/// <summary>The <c>type</c> values of docs/api.md#spinner-definitions; anything else is refused at save time.</summary>
public static class StepTypes
{
    public const string Log = "log";
    public const string Tag = "tag";
    public const string Decision = "decision";
    public const string ApiCall = "api_call";
    public const string AiAgent = "ai_agent";
    public const string Function = "function";
    public const string SendWhatsApp = "send_whatsapp";

    public static IReadOnlyList<string> All { get; } = [Log, Tag, Decision, ApiCall, AiAgent, Function, SendWhatsApp];
}
