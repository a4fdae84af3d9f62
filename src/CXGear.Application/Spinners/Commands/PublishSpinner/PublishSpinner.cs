using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Billing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Spinners.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Commands.PublishSpinner;

/// <summary>
/// Freezes the draft as version N+1. A main spinner's first publish takes a unit of the Spinners meter in the
/// same transaction (a full meter: 403 PLAN_LIMIT and nothing is published); later publishes and supporting
/// spinners take none. Not <c>IMetered</c>, because whether it counts depends on the spinner.
/// </summary>
public sealed record PublishSpinnerCommand(Guid Id) : ICommand<PublishedSpinnerDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersWrite;
}

public sealed class PublishSpinnerHandler(IApplicationDbContext db, IUsageMeters meters, ICurrentPrincipal principal, TimeProvider clock)
    : ICommandHandler<PublishSpinnerCommand, PublishedSpinnerDto>
{
    public async ValueTask<PublishedSpinnerDto> Handle(PublishSpinnerCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(
                async () =>
                {
                    var spinner = await db.Spinners.FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
                        ?? throw SpinnerErrors.NotFound(command.Id);
                    if (!spinner.IsSupporting && !spinner.IsPublished)
                    {
                        await meters.ReserveAsync(spinner.OrganizationId, Meter.Spinners, 1, cancellationToken);
                    }

                    var version = spinner.Publish(principal.UserId!.Value, clock.GetUtcNow().UtcDateTime);

                    // The spinner's conditional UPDATE (CurrentVersion as it was read) goes first, on its own: a racing
                    // publish then waits on that row (SQL Server) and fails as a concurrency conflict, rather than
                    // reaching the version INSERT and failing there on the primary key.
                    await db.SaveChangesAsync(cancellationToken);
                    db.SpinnerVersions.Add(version);
                    await db.SaveChangesAsync(cancellationToken);
                    return new PublishedSpinnerDto(version.Version);
                },
                cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // CurrentVersion is a concurrency token: of two simultaneous publishes one commits, the other rolls back
            // (meter unit included) instead of writing the same version number twice.
            throw new CXGearException(ErrorCodes.Conflict, "The spinner was published at the same moment by another request. Read it again.");
        }
    }
}
