using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Billing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Projects.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Projects.Commands.DeleteProject;

/// <summary>
/// Deletes a project and gives its unit back to the Projects meter, in one transaction. Its data tables and their
/// rows go with it (foreign-key cascade, one statement each), and their units go back to the Data tables meter.
/// Its spinners (and their versions) are deleted first, in one statement, and each published main spinner gives
/// its unit back to the Spinners meter.
/// </summary>
public sealed record DeleteProjectCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Permissions.ProjectsWrite;
}

public sealed class DeleteProjectHandler(IApplicationDbContext db, IUsageMeters meters) : ICommandHandler<DeleteProjectCommand>
{
    public async ValueTask<Unit> Handle(DeleteProjectCommand command, CancellationToken cancellationToken)
    {
        await db.InTransactionAsync(
            async () =>
            {
                var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
                    ?? throw ProjectNotFound.Error(command.Id);
                var tables = await db.DataTables.CountAsync(t => t.ProjectId == project.Id, cancellationToken);
                var countedSpinners = await db.Spinners.CountAsync(
                    s => s.ProjectId == project.Id && s.ParentSpinnerId == null && s.CurrentVersion > 0, cancellationToken);

                // Spinners point at the project's tables without a cascade (SQL Server allows one cascade path into a
                // table), so they go before the project's own cascade takes the tables.
                await db.Spinners.Where(s => s.ProjectId == project.Id).ExecuteDeleteAsync(cancellationToken);
                db.Projects.Remove(project);
                await db.SaveChangesAsync(cancellationToken);
                await meters.ReleaseAsync(project.OrganizationId, Meter.Projects, 1, cancellationToken);
                if (countedSpinners > 0)
                {
                    await meters.ReleaseAsync(project.OrganizationId, Meter.Spinners, countedSpinners, cancellationToken);
                }

                if (tables > 0)
                {
                    await meters.ReleaseAsync(project.OrganizationId, Meter.DataTables, tables, cancellationToken);
                }
            },
            cancellationToken);
        return Unit.Value;
    }
}
