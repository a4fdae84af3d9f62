using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Writes a templated line to the record's journey and the runtime log.</summary>
public sealed class LogStep : SpinnerStep
{
    internal LogStep(string id, string? next, string message)
        : base(id, next) => Message = message;

    public override string Type => StepTypes.Log;

    public string Message { get; }

    private protected override void WriteFields(Utf8JsonWriter writer) => writer.WriteString("message", Message);
}
