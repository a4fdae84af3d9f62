using System.Globalization;
using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Reads a decision's branches and default; every branch and the default must name a step.</summary>
internal static class DecisionReader
{
    public static DecisionStep? Read(JsonObjectReader reader, StepNode node, string? id)
    {
        if (reader.Has("next"))
        {
            reader.Error("next", "A decision routes through 'branches' and 'default'; it takes no 'next'.");
        }

        var branches = new List<DecisionBranch>();
        var json = reader.Member("branches");
        if (json is not { ValueKind: JsonValueKind.Array } array)
        {
            reader.Error("branches", json is null ? "A decision needs 'branches'." : "'branches' must be an array.");
        }
        else if (array.GetArrayLength() is 0 or > DefinitionLimits.MaxBranches)
        {
            reader.Error("branches", $"A decision has between 1 and {DefinitionLimits.MaxBranches} branches.");
        }
        else
        {
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var branch = ReadBranch(element, $"{reader.At("branches")}[{index++}]", reader, node);
                if (branch is not null)
                {
                    branches.Add(branch);
                }
            }
        }

        if (!reader.Has("default"))
        {
            reader.Error("default", "A decision needs a 'default' step for rows that match no branch.");
            return null;
        }

        var defaultNext = StepReader.ReadLink(reader, node, "default", required: true);
        return new DecisionStep(id!, branches, defaultNext!);
    }

    private static DecisionBranch? ReadBranch(JsonElement element, string path, JsonObjectReader parent, StepNode node)
    {
        var errors = parent.Errors;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(path, "A branch must be an object."));
            return null;
        }

        var reader = new JsonObjectReader(element, path, errors);
        var when = reader.Member("when");
        string? field = null;
        string? equalsValue = null;
        if (when is not { ValueKind: JsonValueKind.Object } condition)
        {
            reader.Error("when", when is null ? "A branch needs 'when' {field, equals}." : "'when' must be an object {field, equals}.");
        }
        else
        {
            var whenReader = new JsonObjectReader(condition, reader.At("when"), errors);
            field = whenReader.RequiredString("field", DefinitionLimits.MaxFieldLength);
            equalsValue = ReadEquals(whenReader);
            whenReader.RefuseUnknownMembers();
        }

        var label = reader.OptionalString("label", DefinitionLimits.MaxShortTextLength);
        var next = StepReader.ReadLink(reader, node, "next", required: true);
        reader.RefuseUnknownMembers();
        return field is null || equalsValue is null || next is null ? null : new DecisionBranch(field, equalsValue, label, next);
    }

    /// <summary>Numbers and booleans are accepted and kept as their JSON text, because the runtime compares text.</summary>
    private static string? ReadEquals(JsonObjectReader reader)
    {
        var value = reader.Member("equals");
        string? text = value?.ValueKind switch
        {
            null => null,
            JsonValueKind.String => value.Value.GetString(),
            JsonValueKind.Number => value.Value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

        if (value is null)
        {
            reader.Error("equals", "'equals' is required.");
        }
        else if (text is null)
        {
            reader.Error("equals", "'equals' must be a string, number or boolean.");
        }
        else if (text.Length > DefinitionLimits.MaxEqualsLength)
        {
            reader.Error("equals", string.Create(CultureInfo.InvariantCulture, $"'equals' must be at most {DefinitionLimits.MaxEqualsLength} characters."));
            return null;
        }

        return text;
    }
}
