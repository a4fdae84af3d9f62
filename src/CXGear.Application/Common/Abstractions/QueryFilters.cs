namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// Names of the model's query filters that a read may set aside by name (EF Core's named filters), never the
/// organization filters themselves.
/// </summary>
public static class QueryFilters
{
    /// <summary>
    /// A record is confined through its job (an EXISTS on Jobs per record). A read that joins records to jobs it has
    /// already confined may drop it: on a million records the per-row EXISTS was most of a count's time (decisions/0032).
    /// </summary>
    public const string RecordsThroughJob = "RecordsThroughJob";
}
