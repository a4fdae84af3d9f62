using System.Text;
using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// A valid spinner definition <c>{"steps":[…]}</c>: the first step is the entry, every reference resolves and no
/// path loops. Build one with <see cref="Parse(string)"/> or <see cref="Parse(JsonElement, string)"/>; store it as
/// <see cref="ToJson"/>, which is canonical (fixed property order, no insignificant whitespace), so equal
/// definitions store as equal text and a version can be compared with the draft by string equality.
/// </summary>
public sealed class SpinnerDefinition
{
    private readonly Dictionary<string, SpinnerStep> _byId;

    internal SpinnerDefinition(IReadOnlyList<SpinnerStep> steps)
    {
        Steps = steps;
        _byId = steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<SpinnerStep> Steps { get; }

    public SpinnerStep Entry => Steps[0];

    /// <summary>The step with this id; ids are checked at parse time, so a miss is a programming error.</summary>
    public SpinnerStep Step(string id) =>
        _byId.TryGetValue(id, out var step) ? step : throw new KeyNotFoundException($"The definition has no step '{id}'.");

    public static DefinitionParseResult Parse(JsonElement definition, string path = SpinnerDefinitionParser.RootPath) =>
        SpinnerDefinitionParser.Parse(definition, path);

    /// <summary>Parses stored or submitted JSON text; malformed JSON is one error at <paramref name="path"/>.</summary>
    public static DefinitionParseResult Parse(string json, string path = SpinnerDefinitionParser.RootPath)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            return SpinnerDefinitionParser.Parse(document.RootElement, path);
        }
        catch (JsonException)
        {
            return DefinitionParseResult.Invalid([new DefinitionError(path, "The definition is not valid JSON.")]);
        }
    }

    /// <summary>
    /// Problems that stop a save though the definition is valid to run (see <see cref="DefinitionSaveChecks"/>): a
    /// literal credential in an api_call header, a vault reference outside an api_call's headers and body.
    /// </summary>
    public IReadOnlyList<DefinitionError> SaveProblems(string path = SpinnerDefinitionParser.RootPath) =>
        DefinitionSaveChecks.Check(this, path);

    /// <summary>The vault labels this definition reads, each with the JSON path of its first use.</summary>
    public IReadOnlyList<(string Label, string Path)> VaultReferences(string path = SpinnerDefinitionParser.RootPath) =>
        DefinitionSaveChecks.VaultReferences(this, path);

    /// <summary>The channels this definition sends through, each with the JSON path of its first use.</summary>
    public IReadOnlyList<(Guid ChannelId, string Path)> ChannelReferences(string path = SpinnerDefinitionParser.RootPath)
    {
        var seen = new List<(Guid, string)>();
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i] is SendWhatsAppStep send && seen.All(s => s.Item1 != send.ChannelId))
            {
                seen.Add((send.ChannelId, $"{path}.steps[{i}].channelId"));
            }
        }

        return seen;
    }

    /// <summary>The definition as reads show it: literal credentials saved before the vault existed are masked.</summary>
    public SpinnerDefinition WithCredentialsMasked() =>
        new(Steps.Select(s => s is ApiCallStep call ? call.WithCredentialsMasked() : s).ToList());

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("steps");
            foreach (var step in Steps)
            {
                step.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
