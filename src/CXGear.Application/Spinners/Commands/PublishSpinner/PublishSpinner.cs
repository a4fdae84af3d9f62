using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Domain.Audit;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Spinners.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Commands.PublishSpinner;

/// <summary>
/// Freezes the draft as version N+1. A main spinner's first publish takes a unit of the Spinners meter in the
/// same transaction (a full meter: 403 PLAN_LIMIT and nothing is published); later publishes and supporting
/// spinners take none (<see cref="Domain.Spinners.Spinner.Publish"/> records it). <c>CurrentVersion</c> is a concurrency
/// token: of two simultaneous publishes one commits and the other is 409 CONFLICT, rather than writing one version twice.
/// </summary>
public sealed record PublishSpinnerCommand(Guid Id) : ICommand<PublishedSpinnerDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersWrite;
}

public sealed class PublishSpinnerHandler(IApplicationDbContext db, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<PublishSpinnerCommand, PublishedSpinnerDto>
{
    public async ValueTask<PublishedSpinnerDto> Handle(PublishSpinnerCommand command, CancellationToken cancellationToken)
    {
        var spinner = await db.Spinners.Live().FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
            ?? throw SpinnerErrors.NotFound(command.Id);
        var version = spinner.Publish(principal.UserId!.Value, clock.GetUtcNow().UtcDateTime);

        // The spinner's conditional UPDATE (CurrentVersion as it was read) goes first, on its own: a racing publish
        // then waits on that row (SQL Server) and fails as a concurrency conflict, rather than reaching the version
        // INSERT and failing there on the primary key.
        await db.SaveChangesAsync(cancellationToken);
        db.SpinnerVersions.Add(version);
        audit.Record(AuditEventTypes.SpinnerPublished, new { spinnerId = spinner.Id, spinner.Name, version = version.Version });
        return new PublishedSpinnerDto(version.Version);
    }
}
