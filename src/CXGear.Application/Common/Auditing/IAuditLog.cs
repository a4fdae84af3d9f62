namespace CXGear.Application.Common.Auditing;

/// <summary>
/// Adds an audit event to the unit of work, so it is saved, or rolled back, with the change it records.
/// Organization and actor default to the caller's; the payload must never hold a secret.
/// </summary>
public interface IAuditLog
{
    void Record(string type, object? data = null, Guid? organizationId = null, Guid? actorUserId = null);
}
