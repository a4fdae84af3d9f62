using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Auth;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Commands.Login;

/// <remarks>
/// Staged (<see cref="IStagedCommand"/>): the password check, slow by design, runs before the write turn is taken,
/// and the unit of work saves the session swap, the throttle and the audit trail in one transaction afterwards. A
/// refused attempt keeps its count and its audit event.
/// </remarks>
public sealed record LoginCommand(string Email, string Password, string? DeviceLabel, bool Takeover) : ICommand<AuthResult>, IAllowAnonymous, IStagedCommand;

public sealed class LoginHandler(
    IApplicationDbContext db,
    IIdentityService identity,
    SessionSignIn signIn,
    IAuditLog audit,
    ILoginFailureCounter failures,
    TimeProvider clock) : ICommandHandler<LoginCommand, AuthResult>
{
    public async ValueTask<AuthResult> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var throttleKey = LoginThrottleKey.For(identity.NormalizeEmail(command.Email));
        var throttle = await db.LoginThrottles.FirstOrDefaultAsync(t => t.Id == throttleKey, cancellationToken);
        if (throttle is not null && throttle.IsLockedAt(now))
        {
            await RecordFailedAttemptAsync(command.Email, LoginFailureReasons.AccountLocked, locked: true, cancellationToken);
            throw Locked(throttle, now);
        }

        var accountId = await identity.VerifyPasswordAsync(command.Email, command.Password, cancellationToken);
        var user = accountId is { } id
            ? await db.Users.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : null;
        if (user is null || !user.IsActive)
        {
            var reason = user is null ? LoginFailureReasons.InvalidCredentials : LoginFailureReasons.UserDisabled;
            throw await RecordFailureAsync(throttle, throttleKey, command.Email, reason, now, cancellationToken);
        }

        throttle?.RegisterSuccess();
        return await signIn.StartAsync(user, command.DeviceLabel, command.Takeover, SessionSignIn.PasswordMethod, now, cancellationToken);
    }

    /// <summary>
    /// Counts the failure atomically in the database (at once: N parallel misses count N), and keeps the audit event
    /// with the refusal (the unit of work saves it).
    /// </summary>
    private async Task<CXGearException> RecordFailureAsync(
        LoginThrottle? throttle, string key, string email, string reason, DateTime now, CancellationToken cancellationToken)
    {
        if (throttle is not null)
        {
            // The tracked copy is stale once the database counted; it must not be saved over the count.
            db.LoginThrottles.Entry(throttle).State = EntityState.Detached;
        }

        var counted = await failures.CountAsync(key, now, cancellationToken);
        var locked = counted.IsLockedAt(now);
        await RecordFailedAttemptAsync(email, reason, locked, cancellationToken);
        return locked
            ? Locked(counted, now)
            : new CXGearException(ErrorCodes.InvalidCredentials, "Invalid email or password.") { KeepsChanges = true };
    }

    /// <summary>
    /// The attempted address is recorded (an email is not a secret, and operators need it to see an attack);
    /// a registered one files the event under its account and organization, an unknown one under none.
    /// The password tried is never recorded.
    /// </summary>
    private async Task RecordFailedAttemptAsync(string email, string reason, bool locked, CancellationToken cancellationToken)
    {
        var accountId = await identity.FindAccountIdAsync(email, cancellationToken);
        var organizationId = accountId is { } id
            ? await db.Users.IgnoreQueryFilters().Where(u => u.Id == id).Select(u => (Guid?)u.OrganizationId).FirstOrDefaultAsync(cancellationToken)
            : null;
        audit.Record(
            AuditEventTypes.LoginFailed,
            new { email = email.Trim().ToLowerInvariant(), reason, locked },
            organizationId,
            organizationId is null ? null : accountId);
    }

    private static CXGearException Locked(LoginThrottle throttle, DateTime now)
    {
        var wait = throttle.RemainingLockout(now);
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        return new CXGearException(ErrorCodes.AccountLocked, $"Too many failed sign-ins. Try again in {minutes} minute(s) or reset your password.")
        {
            RetryAfterSeconds = (int)Math.Ceiling(wait.TotalSeconds),
            KeepsChanges = true,
        };
    }
}
