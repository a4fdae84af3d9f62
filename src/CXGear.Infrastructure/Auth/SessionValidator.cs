using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Sessions;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Auth;

/// <summary>
/// Runs on every JWT request, so it is one primary-key read through a precompiled query (no LINQ
/// translation, no change tracking) and, at most once a minute per session, one conditional update. The same read
/// asks whether the session's organization is suspended (a primary-key probe of Organizations in the same statement),
/// so suspension costs no extra round trip. No cache on purpose: a session ended or an organization suspended on any
/// instance is refused on the very next request everywhere.
/// </summary>
internal sealed class SessionValidator(AppDbContext db, TimeProvider clock) : ISessionValidator
{
    private static readonly CompiledPerModel<Func<AppDbContext, Guid, CancellationToken, Task<SessionSnapshot?>>> Load = new(() =>
        EF.CompileAsyncQuery((AppDbContext context, Guid id, CancellationToken _) =>
            context.Sessions.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.Id == id)
                .Select(s => new SessionSnapshot(
                    s.UserId,
                    s.StartedAt,
                    s.LastActiveAt,
                    s.EndReason,
                    context.Organizations.IgnoreQueryFilters().Any(o => o.Id == s.OrganizationId && o.SuspendedAt != null)))
                .FirstOrDefault()));

    public async Task<SessionState> ValidateAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var snapshot = await Load.For(db)(db, sessionId, cancellationToken);
        if (snapshot is null || snapshot.UserId != userId)
        {
            return SessionState.Revoked;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var state = SessionPolicy.Evaluate(snapshot.StartedAt, snapshot.LastActiveAt, snapshot.EndReason, now);
        if (state == SessionState.Live && snapshot.OrganizationSuspended)
        {
            // Refused without ending the session or counting activity: a reactivation lets it go on.
            return SessionState.OrganizationSuspended;
        }

        if (state == SessionState.Live && now - snapshot.LastActiveAt >= SessionPolicy.ActivityWriteInterval)
        {
            // Conditional, so concurrent requests of one session write once, and a session ended meanwhile stays ended.
            var threshold = now - SessionPolicy.ActivityWriteInterval;
            await db.Sessions.IgnoreQueryFilters()
                .Where(s => s.Id == sessionId && s.EndReason == null && s.LastActiveAt <= threshold)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActiveAt, now), cancellationToken);
        }

        return state;
    }

    private sealed record SessionSnapshot(Guid UserId, DateTime StartedAt, DateTime LastActiveAt, SessionEndReason? EndReason, bool OrganizationSuspended);
}
