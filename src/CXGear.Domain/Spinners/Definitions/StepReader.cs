using System.Text.Json;
using System.Text.RegularExpressions;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Reads one element of <c>steps</c>: the fields every step shares, then those of its type.</summary>
internal static partial class StepReader
{
    public static (SpinnerStep? Step, StepNode Node) Read(JsonElement element, string path, List<DefinitionError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(path, "A step must be an object."));
            return (null, new StepNode(path, null));
        }

        var errorsBefore = errors.Count;
        var reader = new JsonObjectReader(element, path, errors);
        var id = ReadId(reader, "id");
        var node = new StepNode(path, id);
        var type = reader.RequiredString("type", DefinitionLimits.MaxShortTextLength);
        var next = type == StepTypes.Decision ? null : ReadLink(reader, node, "next", required: false);

        SpinnerStep? step = type switch
        {
            StepTypes.Log => new LogStep(id!, next, reader.RequiredString("message", DefinitionLimits.MaxTextLength)!),
            StepTypes.Tag => new TagStep(id!, next, reader.RequiredString("disposition", DefinitionLimits.MaxShortTextLength)!),
            StepTypes.Decision => DecisionReader.Read(reader, node, id),
            StepTypes.ApiCall => ApiCallReader.Read(reader, id, next),
            StepTypes.AiAgent => AiAgentReader.Read(reader, id, next),
            StepTypes.Function => new FunctionStep(id!, next, reader.RequiredString("code", DefinitionLimits.MaxTextLength)!),
            StepTypes.SendWhatsApp => SendWhatsAppReader.Read(reader, id, next),
            null => null,
            _ => Unknown(reader, type),
        };

        if (type is not null && StepTypes.All.Contains(type))
        {
            reader.RefuseUnknownMembers();
        }

        // A step with any error is not built; the model only ever holds fully valid steps.
        return (errors.Count == errorsBefore ? step : null, node);
    }

    public static string? ReadId(JsonObjectReader reader, string member)
    {
        var id = reader.RequiredString(member, DefinitionLimits.MaxIdLength);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            reader.Error(member, "A step id uses letters, digits, '_' and '-' only.");
        }

        return id;
    }

    public static string? ReadLink(JsonObjectReader reader, StepNode node, string member, bool required)
    {
        var target = required
            ? reader.RequiredString(member, DefinitionLimits.MaxIdLength)
            : reader.OptionalString(member, DefinitionLimits.MaxIdLength);
        if (target is not null)
        {
            node.Links.Add((reader.At(member), target));
        }

        return target;
    }

    private static SpinnerStep? Unknown(JsonObjectReader reader, string type)
    {
        reader.Error("type", $"Unknown step type '{type}'; expected one of {string.Join(", ", StepTypes.All)}.");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
