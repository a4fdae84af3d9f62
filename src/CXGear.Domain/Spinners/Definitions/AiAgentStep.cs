using System.Text.Json;
using CXGear.Domain.Integrations;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// One model call per record: the role is the system prompt, the rendered task the user message, and the answer,
/// checked against <see cref="OutputMode"/>, goes to <c>output.&lt;saveAs&gt;</c> (<c>ai_response</c> by default).
/// <c>Mock</c> answers deterministically without a network call; <c>openai</c> and <c>anthropic</c> use the
/// organization's provider setting (vault label, default model, endpoint).
/// </summary>
public sealed class AiAgentStep : SpinnerStep
{
    public const string MockProvider = "Mock";
    public const string TextMode = "text";

    /// <summary>The Mock provider's structured answer, kept for definitions saved before the four product modes.</summary>
    public const string JsonMode = "json";

    public const string KeyValueMode = "key_value";
    public const string ClassificationMode = "classification";
    public const string ListMode = "list";

    public const int MaxKeys = 50;
    public const int MaxLabels = 50;

    public static IReadOnlyList<string> Providers { get; } = [MockProvider, AiProviders.OpenAi, AiProviders.Anthropic];

    public static IReadOnlyList<string> OutputModes { get; } = [TextMode, JsonMode, KeyValueMode, ClassificationMode, ListMode];

    internal AiAgentStep(
        string id, string? next, string provider, string? role, string task, string outputMode, string? model, IReadOnlyList<string> keys, IReadOnlyList<string> labels, string? saveAs)
        : base(id, next)
    {
        Provider = provider;
        Role = role;
        Task = task;
        OutputMode = outputMode;
        Model = model;
        Keys = keys;
        Labels = labels;
        SaveAs = saveAs;
    }

    public override string Type => StepTypes.AiAgent;

    public string Provider { get; }

    /// <summary>"Agent role and rules": the same for every row, so not a template.</summary>
    public string? Role { get; }

    /// <summary>"Task for each record": a template.</summary>
    public string Task { get; }

    public string OutputMode { get; }

    /// <summary>Null: the provider setting's default model.</summary>
    public string? Model { get; }

    /// <summary><c>key_value</c>: the keys the answer's object has, exactly.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary><c>classification</c>: the labels the answer is one of.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The output key the answer is saved under; null means <c>ai_response</c>.</summary>
    public string? SaveAs { get; }

    /// <summary>Whether the step calls a configured provider (not the built-in Mock).</summary>
    public bool UsesConfiguredProvider => AiProviders.IsKnown(Provider);

    private protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("provider", Provider);
        if (Model is not null)
        {
            writer.WriteString("model", Model);
        }

        if (Role is not null)
        {
            writer.WriteString("role", Role);
        }

        writer.WriteString("task", Task);
        writer.WriteString("outputMode", OutputMode);
        WriteList(writer, "keys", Keys);
        WriteList(writer, "labels", Labels);
        if (SaveAs is not null)
        {
            writer.WriteString("saveAs", SaveAs);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
