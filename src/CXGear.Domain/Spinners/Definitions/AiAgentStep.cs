using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>One model call per record; writes <c>output.ai_response</c>. Only the deterministic <c>Mock</c> provider exists so far.</summary>
public sealed class AiAgentStep : SpinnerStep
{
    public const string MockProvider = "Mock";
    public const string TextMode = "text";
    public const string JsonMode = "json";

    public static IReadOnlyList<string> Providers { get; } = [MockProvider];

    public static IReadOnlyList<string> OutputModes { get; } = [TextMode, JsonMode];

    internal AiAgentStep(string id, string? next, string provider, string? role, string task, string outputMode)
        : base(id, next)
    {
        Provider = provider;
        Role = role;
        Task = task;
        OutputMode = outputMode;
    }

    public override string Type => StepTypes.AiAgent;

    public string Provider { get; }

    /// <summary>"Agent role and rules": the same for every row, so not a template.</summary>
    public string? Role { get; }

    /// <summary>"Task for each record": a template.</summary>
    public string Task { get; }

    public string OutputMode { get; }

    private protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("provider", Provider);
        if (Role is not null)
        {
            writer.WriteString("role", Role);
        }

        writer.WriteString("task", Task);
        writer.WriteString("outputMode", OutputMode);
    }
}
