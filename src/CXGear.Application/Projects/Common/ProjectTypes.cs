using CXGear.Domain.Projects;

namespace CXGear.Application.Projects.Common;

/// <summary>The wire names of <see cref="ProjectType"/>: <c>outreach</c>, <c>call_analyzer</c>.</summary>
public static class ProjectTypes
{
    public const string Outreach = "outreach";
    public const string CallAnalyzer = "call_analyzer";

    public static IReadOnlyList<string> All { get; } = [Outreach, CallAnalyzer];

    public static bool IsValid(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal);

    public static ProjectType Parse(string value) => value switch
    {
        Outreach => ProjectType.Outreach,
        CallAnalyzer => ProjectType.CallAnalyzer,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown project type."),
    };

    public static string ToWire(ProjectType type) => type == ProjectType.CallAnalyzer ? CallAnalyzer : Outreach;
}
