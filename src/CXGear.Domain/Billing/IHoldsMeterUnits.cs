namespace CXGear.Domain.Billing;

/// <summary>
/// An entity that occupies capacity meters while it exists (a project, a table, an active user, a live key). The
/// unit of work takes these units when the entity is added and gives them back when it is deleted, so no use case
/// counts creations or deletions by hand. What changes in between (a key revoked, a user disabled) the entity
/// records itself through <see cref="IRecordsMeterChanges"/>.
/// </summary>
public interface IHoldsMeterUnits
{
    IEnumerable<MeterChange> HeldUnits();
}
