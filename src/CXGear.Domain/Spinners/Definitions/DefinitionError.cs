namespace CXGear.Domain.Spinners.Definitions;

/// <summary>One problem in a definition, at a camelCase JSON path such as <c>definition.steps[2].next</c>.</summary>
public sealed record DefinitionError
{
    public DefinitionError(string path, string message)
    {
        Path = path;
        Message = message;
    }

    public string Path { get; }

    public string Message { get; }

    public override string ToString() => $"{Path}: {Message}";
}
