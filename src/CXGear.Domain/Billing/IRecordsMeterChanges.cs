namespace CXGear.Domain.Billing;

/// <summary>
/// An entity whose transitions move meters (a main spinner first published, a user enabled, a job queued). The unit
/// of work drains the changes when it saves the entity and applies them in the same transaction.
/// </summary>
public interface IRecordsMeterChanges
{
    IReadOnlyList<MeterChange> DrainMeterChanges();
}
