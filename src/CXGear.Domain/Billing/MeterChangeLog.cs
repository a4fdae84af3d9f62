namespace CXGear.Domain.Billing;

/// <summary>The changes an entity has recorded since it was last saved; entities keep one in a private field.</summary>
public sealed class MeterChangeLog
{
    private List<MeterChange>? _changes;

    public void Take(Guid organizationId, Meter meter, long units = 1) => Add(new MeterChange(organizationId, meter, units));

    public void GiveBack(Guid organizationId, Meter meter, long units = 1) => Add(new MeterChange(organizationId, meter, -units));

    public IReadOnlyList<MeterChange> Drain()
    {
        IReadOnlyList<MeterChange> drained = _changes ?? (IReadOnlyList<MeterChange>)[];
        _changes = null;
        return drained;
    }

    private void Add(MeterChange change)
    {
        ArgumentOutOfRangeException.ThrowIfZero(change.Units);
        (_changes ??= []).Add(change);
    }
}
