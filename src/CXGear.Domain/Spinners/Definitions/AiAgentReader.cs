using System.Text.Json;
using CXGear.Domain.Integrations;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Reads an <c>ai_agent</c> step: provider, model?, role?, task, outputMode, keys/labels for their modes, saveAs?.</summary>
internal static class AiAgentReader
{
    public static AiAgentStep? Read(JsonObjectReader reader, string? id, string? next)
    {
        var provider = reader.RequiredString("provider", DefinitionLimits.MaxShortTextLength);
        if (provider is not null && !AiAgentStep.Providers.Contains(provider, StringComparer.Ordinal))
        {
            reader.Error("provider", $"Unknown AI provider '{provider}'; available: {string.Join(", ", AiAgentStep.Providers)}.");
        }

        var model = reader.OptionalString("model", AiProviderSetting.MaxModelLength);
        var role = reader.OptionalString("role", DefinitionLimits.MaxTextLength);
        var task = reader.RequiredString("task", DefinitionLimits.MaxTextLength);
        var mode = reader.OptionalString("outputMode", DefinitionLimits.MaxShortTextLength) ?? AiAgentStep.TextMode;
        if (!AiAgentStep.OutputModes.Contains(mode, StringComparer.Ordinal))
        {
            reader.Error("outputMode", $"'outputMode' is one of {string.Join(", ", AiAgentStep.OutputModes)}.");
        }
        else if (mode == AiAgentStep.JsonMode && provider is not null && provider != AiAgentStep.MockProvider)
        {
            reader.Error("outputMode", "'json' is the Mock provider's mode; use key_value for a structured answer.");
        }

        var keys = ReadList(reader, "keys", AiAgentStep.MaxKeys, required: mode == AiAgentStep.KeyValueMode, keyRule: true);
        var labels = ReadList(reader, "labels", AiAgentStep.MaxLabels, required: mode == AiAgentStep.ClassificationMode, keyRule: false);
        if (mode != AiAgentStep.KeyValueMode && keys.Count > 0)
        {
            reader.Error("keys", "'keys' belongs to outputMode key_value.");
        }

        if (mode != AiAgentStep.ClassificationMode && labels.Count > 0)
        {
            reader.Error("labels", "'labels' belongs to outputMode classification.");
        }

        var saveAs = reader.OptionalString("saveAs", DefinitionLimits.MaxIdLength);
        if (saveAs is not null && (!OutputKey.IsWellFormed(saveAs) || OutputKey.IsReservedFor(saveAs, StepTypes.AiAgent)))
        {
            reader.Error("saveAs", "'saveAs' is an output key of letters, digits and '_' (not starting with a digit), other than disposition.");
        }

        return new AiAgentStep(id!, next, provider!, role, task!, mode, string.IsNullOrWhiteSpace(model) ? null : model.Trim(), keys, labels, saveAs);
    }

    private static List<string> ReadList(JsonObjectReader reader, string member, int max, bool required, bool keyRule)
    {
        var values = new List<string>();
        if (reader.Member(member) is not { } element)
        {
            if (required)
            {
                reader.Error(member, $"'{member}' is required for this outputMode: a non-empty array of strings.");
            }

            return values;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() is 0 || element.GetArrayLength() > max)
        {
            reader.Error(member, $"'{member}' is an array of 1-{max} strings.");
            return values;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var path = $"{member}[{index++}]";
            var value = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(value) || value.Length > DefinitionLimits.MaxShortTextLength || (keyRule && !OutputKey.IsWellFormed(value)))
            {
                reader.Error(path, keyRule
                    ? "A key is letters, digits and '_' (not starting with a digit)."
                    : $"A label is a non-empty string of at most {DefinitionLimits.MaxShortTextLength} characters.");
            }
            else if (values.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                reader.Error(path, $"'{value}' is given twice.");
            }
            else
            {
                values.Add(value);
            }
        }

        return values;
    }
}
