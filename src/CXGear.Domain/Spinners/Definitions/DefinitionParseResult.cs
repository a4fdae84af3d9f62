namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Either a definition or every error found in it (never both, never neither).</summary>
public sealed class DefinitionParseResult
{
    private DefinitionParseResult(SpinnerDefinition? definition, IReadOnlyList<DefinitionError> errors)
    {
        Definition = definition;
        Errors = errors;
    }

    public SpinnerDefinition? Definition { get; }

    public IReadOnlyList<DefinitionError> Errors { get; }

    public bool IsValid => Definition is not null;

    internal static DefinitionParseResult Valid(SpinnerDefinition definition) => new(definition, []);

    internal static DefinitionParseResult Invalid(IReadOnlyList<DefinitionError> errors) => new(null, errors);
}
