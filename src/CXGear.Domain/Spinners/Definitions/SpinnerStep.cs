using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// One node of a spinner's pipeline. Instances come only from <see cref="SpinnerDefinitionParser"/>, which has
/// already checked every field, so the runtime never meets a half-valid step.
/// </summary>
public abstract class SpinnerStep
{
    private protected SpinnerStep(string id, string? next)
    {
        Id = id;
        Next = next;
    }

    public string Id { get; }

    public abstract string Type { get; }

    /// <summary>The step that runs after this one; null ends the record's run. Decisions use their branches instead.</summary>
    public string? Next { get; }

    /// <summary>Every step id this step can hand over to, in the order the definition names them.</summary>
    public virtual IEnumerable<string> Targets => Next is null ? [] : [Next];

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("type", Type);
        WriteFields(writer);
        if (Next is not null)
        {
            writer.WriteString("next", Next);
        }

        writer.WriteEndObject();
    }

    private protected abstract void WriteFields(Utf8JsonWriter writer);
}
