namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// What the link checks need from a step, kept even when the step's other fields are invalid, so that one bad field
/// does not also report every link to that step as dangling.
/// </summary>
internal sealed class StepNode(string path, string? id)
{
    public string Path { get; } = path;

    public string? Id { get; } = id;

    /// <summary>Each outgoing link: the JSON path that names it and the step id it names.</summary>
    public List<(string Path, string Target)> Links { get; } = [];
}
