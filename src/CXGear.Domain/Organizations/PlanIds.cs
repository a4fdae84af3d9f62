namespace CXGear.Domain.Organizations;

/// <summary>The plan ids of the wire (docs/api.md#plans-and-meters): <c>trial</c>, <c>pro</c>, <c>advanced</c>, <c>enterprise</c>.</summary>
public static class PlanIds
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<PlanId>().Select(p => p.Id()).ToList();

    public static string Id(this PlanId plan) => plan.ToString().ToLowerInvariant();

    /// <summary>
    /// Accepts a plan id in any letter case, and nothing else: <c>Enum.TryParse</c> alone would also take
    /// numbers ("1", "42"), which are not plan ids.
    /// </summary>
    public static bool TryParse(string? value, out PlanId plan)
    {
        foreach (var candidate in Enum.GetValues<PlanId>())
        {
            if (string.Equals(candidate.Id(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                plan = candidate;
                return true;
            }
        }

        plan = default;
        return false;
    }
}
