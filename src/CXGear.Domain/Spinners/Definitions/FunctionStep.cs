using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// The function tool: JavaScript defining <c>main(params, context)</c>, run in a sandbox by the runtime. The object it
/// returns is merged into the record's outputs. Whether the code parses and defines <c>main</c> is checked at save by
/// the runtime's own interpreter (the domain does not parse JavaScript).
/// </summary>
public sealed class FunctionStep : SpinnerStep
{
    internal FunctionStep(string id, string? next, string code)
        : base(id, next) => Code = code;

    public override string Type => StepTypes.Function;

    public string Code { get; }

    private protected override void WriteFields(Utf8JsonWriter writer) => writer.WriteString("code", Code);
}
