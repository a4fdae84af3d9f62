using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Sets the record's <c>disposition</c> output, which child spinners and reports read.</summary>
public sealed class TagStep : SpinnerStep
{
    internal TagStep(string id, string? next, string disposition)
        : base(id, next) => Disposition = disposition;

    public override string Type => StepTypes.Tag;

    public string Disposition { get; }

    private protected override void WriteFields(Utf8JsonWriter writer) => writer.WriteString("disposition", Disposition);
}
