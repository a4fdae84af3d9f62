using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Auth;
using CXGear.Domain.Common;
using CXGear.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Commands.Login;

public sealed record LoginCommand(string Email, string Password, string? DeviceLabel, bool Takeover) : ICommand<AuthResult>;

public sealed class LoginHandler(
    IApplicationDbContext db,
    IIdentityService identity,
    IClientInfo client,
    TokenPairFactory tokenPairs,
    TimeProvider clock) : ICommandHandler<LoginCommand, AuthResult>
{
    public async ValueTask<AuthResult> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var throttleKey = LoginThrottleKey.For(identity.NormalizeEmail(command.Email));
        var throttle = await db.LoginThrottles.FirstOrDefaultAsync(t => t.Id == throttleKey, cancellationToken);
        if (throttle is not null && throttle.IsLockedAt(now))
        {
            throw Locked(throttle, now);
        }

        var accountId = await identity.VerifyPasswordAsync(command.Email, command.Password, cancellationToken);
        var user = accountId is { } id
            ? await db.Users.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : null;
        if (user is null || !user.IsActive)
        {
            throw await RecordFailureAsync(throttle, throttleKey, now, cancellationToken);
        }

        throttle?.RegisterSuccess();
        var organization = await db.Organizations.IgnoreQueryFilters().FirstAsync(o => o.Id == user.OrganizationId, cancellationToken);
        var deviceLabel = DeviceLabels.Resolve(command.DeviceLabel, client.UserAgent);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var open = await db.Sessions.IgnoreQueryFilters()
            .Where(s => s.UserId == user.Id && s.EndReason == null)
            .ToListAsync(cancellationToken);
        SessionGate.Admit(open, deviceLabel, client.IpAddress, command.Takeover, now);

        // Ending the old sessions is saved first: the unique "one open session per user" index checks each statement.
        await db.SaveChangesAsync(cancellationToken);
        var session = Session.Start(user.Id, user.OrganizationId, deviceLabel, client.IpAddress, now);
        db.Sessions.Add(session);
        user.RecordLogin(now);
        var result = tokenPairs.Issue(user, organization, session, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new CXGearException(ErrorCodes.Conflict, "Another sign-in for this account happened at the same moment. Try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<CXGearException> RecordFailureAsync(LoginThrottle? throttle, string key, DateTime now, CancellationToken cancellationToken)
    {
        if (throttle is null)
        {
            throttle = LoginThrottle.For(key);
            db.LoginThrottles.Add(throttle);
        }

        var locked = throttle.RegisterFailure(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first failures for one address raced to insert the counter; the other one counted.
        }

        return locked
            ? Locked(throttle, now)
            : new CXGearException(ErrorCodes.InvalidCredentials, "Invalid email or password.");
    }

    private static CXGearException Locked(LoginThrottle throttle, DateTime now)
    {
        var wait = throttle.RemainingLockout(now);
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        return new CXGearException(ErrorCodes.AccountLocked, $"Too many failed sign-ins. Try again in {minutes} minute(s) or reset your password.")
        {
            RetryAfterSeconds = (int)Math.Ceiling(wait.TotalSeconds),
        };
    }
}
