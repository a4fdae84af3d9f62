using CXGear.Domain.Common;

namespace CXGear.Domain.Audit;

/// <summary>
/// One thing that happened, for the operators' trail: who, in which organization, when, from where, and a
/// small JSON payload. Written in the same transaction as the change it records; never holds a secret.
/// </summary>
public sealed class AuditEvent
{
    public const int MaxDataLength = 4000;

    private AuditEvent()
    {
        Type = string.Empty;
        Data = "{}";
    }

    public Guid Id { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string Type { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public string? IpAddress { get; private set; }
    public string Data { get; private set; }

    public static AuditEvent Record(string type, Guid? organizationId, Guid? actorUserId, string? ipAddress, string data, DateTime now)
    {
        if (!AuditEventTypes.IsKnown(type))
        {
            throw new ArgumentException($"Unknown audit event type '{type}'.", nameof(type));
        }

        return new AuditEvent
        {
            Id = Ids.New(now),
            Type = type,
            OrganizationId = organizationId,
            ActorUserId = actorUserId,
            IpAddress = ipAddress,
            Data = data.Length <= MaxDataLength ? data : throw new ArgumentException("Audit payloads stay small.", nameof(data)),
            OccurredAt = now,
        };
    }
}
