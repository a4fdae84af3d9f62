using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// <c>{"when":{"field":"output.disposition","equals":"Retry"},"label":"retry","next":"s3"}</c>.
/// <see cref="Field"/> is <c>payload.x</c>, <c>output.x</c> or a bare name; <see cref="EqualsValue"/> is kept as
/// text because the runtime compares rendered values as text.
/// </summary>
public sealed class DecisionBranch
{
    internal DecisionBranch(string field, string equalsValue, string? label, string next)
    {
        Field = field;
        EqualsValue = equalsValue;
        Label = label;
        Next = next;
    }

    public string Field { get; }

    public string EqualsValue { get; }

    public string? Label { get; }

    public string Next { get; }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("when");
        writer.WriteString("field", Field);
        writer.WriteString("equals", EqualsValue);
        writer.WriteEndObject();
        if (Label is not null)
        {
            writer.WriteString("label", Label);
        }

        writer.WriteString("next", Next);
        writer.WriteEndObject();
    }
}
