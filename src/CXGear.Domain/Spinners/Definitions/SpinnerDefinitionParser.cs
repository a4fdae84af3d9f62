using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// Turns submitted JSON into a <see cref="SpinnerDefinition"/>, or reports every problem found: each step's own
/// fields first, then the links between steps (duplicate ids, links to missing steps, cycles).
/// </summary>
internal static class SpinnerDefinitionParser
{
    public const string RootPath = "definition";

    public static DefinitionParseResult Parse(JsonElement root, string path)
    {
        var errors = new List<DefinitionError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(path, "The definition must be an object {\"steps\": [...]}."));
            return DefinitionParseResult.Invalid(errors);
        }

        var reader = new JsonObjectReader(root, path, errors);
        var stepsJson = reader.Member("steps");
        reader.RefuseUnknownMembers();
        if (stepsJson is not { ValueKind: JsonValueKind.Array } array)
        {
            reader.Error("steps", stepsJson is null ? "'steps' is required." : "'steps' must be an array.");
            return DefinitionParseResult.Invalid(errors);
        }

        var count = array.GetArrayLength();
        if (count == 0 || count > DefinitionLimits.MaxSteps)
        {
            // Past the cap nothing else is read, so an oversized body costs no more work than this check.
            reader.Error("steps", $"A spinner has between 1 and {DefinitionLimits.MaxSteps} steps.");
            return DefinitionParseResult.Invalid(errors);
        }

        var steps = new List<SpinnerStep>(count);
        var nodes = new List<StepNode>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var (step, node) = StepReader.Read(element, $"{path}.steps[{index++}]", errors);
            nodes.Add(node);
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        StepGraph.Check(nodes, errors);
        return errors.Count == 0
            ? DefinitionParseResult.Valid(new SpinnerDefinition(steps))
            : DefinitionParseResult.Invalid(errors);
    }
}
