namespace CXGear.Domain.Projects;

/// <summary>A project's kind (docs/api.md#projects); on the wire <c>outreach</c> or <c>call_analyzer</c>.</summary>
public enum ProjectType
{
    Outreach = 0,
    CallAnalyzer = 1,
}
