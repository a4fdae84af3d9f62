using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Security;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.Domain.Users;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Identity;

/// <summary>What <see cref="OperatorBootstrap.RunAsync"/> did, for the log and the tests.</summary>
public enum OperatorBootstrapOutcome
{
    NotConfigured = 0,
    Created = 1,
    AlreadyOperator = 2,
    EmailBelongsToCustomer = 3,
}

/// <summary>
/// Creates the first platform operator from configuration (docs/api.md#operator-accounts) so a fresh deployment can reach /admin.
/// Runs at every start-up and does nothing once the account exists; later operators are not its business.
/// </summary>
public sealed class OperatorBootstrap(
    AppDbContext db,
    IIdentityService identity,
    IOptions<OperatorOptions> options,
    TimeProvider clock,
    ILogger<OperatorBootstrap> logger)
{
    public const string OperatorFullName = "Platform operator";

    public async Task<OperatorBootstrapOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        var email = options.Value.BootstrapEmail?.Trim();
        var password = options.Value.BootstrapPassword;
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            return OperatorBootstrapOutcome.NotConfigured;
        }

        if (await identity.FindAccountIdAsync(email, cancellationToken) is { } existing)
        {
            return await ExistingAsync(existing, cancellationToken);
        }

        // A deployment with a weak operator password should not start quietly with it.
        if (password.Length is < PasswordRules.MinLength or > PasswordRules.MaxLength || PasswordRules.IsCommon(password))
        {
            throw new InvalidOperationException(
                $"Operators:BootstrapPassword must be {PasswordRules.MinLength} to {PasswordRules.MaxLength} characters and not a common password.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = User.Create(Organization.PlatformId, OperatorFullName, email, [], now);
        db.Users.Add(user);
        try
        {
            // The identity store saves the whole unit of work, domain user included.
            await identity.CreateAccountAsync(user.Id, email, password, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (CXGearException e) when (e.Code == ErrorCodes.EmailTaken)
        {
            // Another instance starting beside this one created it first.
            logger.LogInformation("The bootstrap platform operator was created by another instance");
            return OperatorBootstrapOutcome.AlreadyOperator;
        }

        logger.LogInformation("Created the bootstrap platform operator {UserId} from Operators:BootstrapEmail", user.Id);
        return OperatorBootstrapOutcome.Created;
    }

    private async Task<OperatorBootstrapOutcome> ExistingAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var organizationId = await db.Users.IgnoreQueryFilters()
            .Where(u => u.Id == accountId)
            .Select(u => (Guid?)u.OrganizationId)
            .FirstOrDefaultAsync(cancellationToken);
        if (organizationId == Organization.PlatformId)
        {
            logger.LogDebug("The bootstrap platform operator {UserId} already exists", accountId);
            return OperatorBootstrapOutcome.AlreadyOperator;
        }

        // Turning a customer's account into an operator would hand a customer the whole platform.
        logger.LogWarning("Operators:BootstrapEmail belongs to a customer account; no operator was created. Configure another address");
        return OperatorBootstrapOutcome.EmailBelongsToCustomer;
    }
}

public static class OperatorBootstrapExtensions
{
    /// <summary>Runs <see cref="OperatorBootstrap"/> in its own scope; call it after the database is migrated.</summary>
    public static async Task<OperatorBootstrapOutcome> BootstrapOperatorAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OperatorBootstrap>().RunAsync(cancellationToken);
    }
}
