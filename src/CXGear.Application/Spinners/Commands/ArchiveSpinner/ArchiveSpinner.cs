using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Spinners.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Commands.ArchiveSpinner;

/// <summary>
/// <c>DELETE /spinners/{id}</c>: archives the spinner rather than deleting it, so its versions, jobs and records stay
/// readable and named. It leaves the lists, its schedule goes off, and a published main spinner's Spinners unit is given
/// back in the same transaction (<see cref="Domain.Spinners.Spinner.Archive"/>). Refused with 409 CONFLICT while a live
/// supporting spinner has it as parent, or while one of its jobs is queued or running. An archived spinner is 404 to
/// every change, archiving again included.
/// </summary>
public sealed record ArchiveSpinnerCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Permissions.SpinnersWrite;
}

public sealed class ArchiveSpinnerHandler(IApplicationDbContext db, IAuditLog audit, TimeProvider clock) : ICommandHandler<ArchiveSpinnerCommand>
{
    public async ValueTask<Unit> Handle(ArchiveSpinnerCommand command, CancellationToken cancellationToken)
    {
        var spinner = await db.Spinners.Live().FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
            ?? throw SpinnerErrors.NotFound(command.Id);
        if (await db.Spinners.Live().AnyAsync(s => s.ParentSpinnerId == spinner.Id, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.Conflict, $"Spinner {spinner.Id} is the parent of supporting spinners: archive them first.");
        }

        if (await db.Jobs.AnyAsync(j => j.SpinnerId == spinner.Id && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running), cancellationToken))
        {
            throw new CXGearException(ErrorCodes.Conflict, $"Spinner {spinner.Id} has a queued or running job: cancel it or let it finish first.");
        }

        spinner.Archive(clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditEventTypes.SpinnerArchived, new { spinnerId = spinner.Id, spinner.Name, projectId = spinner.ProjectId });
        return Unit.Value;
    }
}
