namespace CXGear.Domain.Projects;

/// <summary>A project's kind (product-reference §2.6); on the wire <c>outreach</c> or <c>call_analyzer</c>.</summary>
public enum ProjectType
{
    Outreach = 0,
    CallAnalyzer = 1,
}
