using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Domain.Audit;
using CXGear.Domain.Organizations;
using CXGear.Domain.Sessions;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Common;

/// <summary>
/// How a user whose identity is proven gets a session, whatever proved it (a password at <c>/auth/login</c>, a
/// provider's code at <c>/auth/exchange</c>): the single-session rule (<see cref="SessionGate"/>), the new session and
/// its token pair, the last-login stamp, and the audit trail. The caller has already refused unknown and disabled users;
/// a suspended organization is refused here, so every way of signing in refuses it alike.
/// </summary>
public sealed class SessionSignIn(IApplicationDbContext db, IClientInfo client, TokenPairFactory tokenPairs, IAuditLog audit)
{
    public const string PasswordMethod = "password";

    /// <summary>Stages the session swap; the unit of work saves it (a racing sign-in breaks the one-open-session index: 409 CONFLICT).</summary>
    /// <param name="method">How the identity was proven (<see cref="PasswordMethod"/>, or the provider's name), kept on the audit event.</param>
    public async Task<AuthResult> StartAsync(User user, string? requestedDeviceLabel, bool takeover, string method, DateTime now, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.IgnoreQueryFilters().FirstAsync(o => o.Id == user.OrganizationId, cancellationToken);
        if (organization.IsSuspended)
        {
            // Told only once the identity is proven, so the answer reveals nothing to someone without it; not a failed
            // attempt for the throttle (the person is who they say), but audited with the refusal, which is kept.
            audit.Record(
                AuditEventTypes.LoginFailed,
                new { email = user.Email.ToLowerInvariant(), reason = LoginFailureReasons.OrganizationSuspended, locked = false, method },
                user.OrganizationId,
                user.Id);
            throw OrganizationStatuses.SuspendedError(keepsChanges: true);
        }

        var deviceLabel = DeviceLabels.Resolve(requestedDeviceLabel, client.UserAgent);
        var open = await db.Sessions.IgnoreQueryFilters()
            .Where(s => s.UserId == user.Id && s.EndReason == null)
            .ToListAsync(cancellationToken);
        SessionGate.Admit(open, deviceLabel, client.IpAddress, takeover, now);
        var replaced = open.Where(s => s.EndReason == SessionEndReason.Replaced).ToList();

        // Saved in one statement batch with the old sessions' ends; a sign-in racing this one for the same account
        // breaks the "one open session per user" index at the save and gets 409 CONFLICT from the unit of work.
        var session = Session.Start(user.Id, user.OrganizationId, deviceLabel, client.IpAddress, now);
        db.Sessions.Add(session);
        user.RecordLogin(now);
        var result = tokenPairs.Issue(user, organization, session, now);

        // The caller is still anonymous here, so the account and its organization are named explicitly.
        foreach (var previous in replaced)
        {
            audit.Record(
                AuditEventTypes.SessionReplaced,
                new
                {
                    previousSessionId = previous.Id,
                    previousDeviceLabel = previous.DeviceLabel,
                    previousIpAddress = previous.IpAddress,
                    sessionId = session.Id,
                    deviceLabel,
                    takeover = !previous.IsSameDevice(deviceLabel, client.IpAddress),
                },
                user.OrganizationId,
                user.Id);
        }

        audit.Record(AuditEventTypes.LoginSucceeded, new { sessionId = session.Id, deviceLabel, method }, user.OrganizationId, user.Id);
        return result;
    }
}
