namespace CXGear.Domain.Billing;

/// <summary>Nets changes per organization and meter, so a rotation (one place given back, one taken) moves nothing.</summary>
public static class MeterChanges
{
    public static IReadOnlyList<MeterChange> Net(IEnumerable<MeterChange> changes) =>
        changes
            .GroupBy(c => (c.OrganizationId, c.Meter))
            .Select(g => new MeterChange(g.Key.OrganizationId, g.Key.Meter, g.Sum(c => c.Units)))
            .Where(c => c.Units != 0)
            .OrderBy(c => c.Units) // what is given back goes first, so a swept key frees its place before a new one takes it
            .ThenBy(c => c.Meter)
            .ToList();
}
