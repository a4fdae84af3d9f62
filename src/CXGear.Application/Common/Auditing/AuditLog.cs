using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Audit;

namespace CXGear.Application.Common.Auditing;

internal sealed class AuditLog(IApplicationDbContext db, ICurrentPrincipal principal, IClientInfo client, TimeProvider clock) : IAuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Record(string type, object? data = null, Guid? organizationId = null, Guid? actorUserId = null)
    {
        var payload = data is null ? "{}" : JsonSerializer.Serialize(data, Json);
        db.AuditEvents.Add(AuditEvent.Record(
            type,
            organizationId ?? principal.OrganizationId,
            actorUserId ?? principal.UserId,
            client.IpAddress,
            payload,
            clock.GetUtcNow().UtcDateTime));
    }
}
