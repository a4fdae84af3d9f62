using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Security;
using CXGear.Domain.Audit;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Projects.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Projects.Commands.DeleteProject;

/// <summary>
/// Deletes a project with its spinners (and their versions) and its data tables (their rows by foreign-key cascade,
/// one statement each), in one transaction. Each gives its meter units back when the unit of work saves the deletes:
/// the project's, each table's, and each published main spinner's.
/// </summary>
public sealed record DeleteProjectCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Permissions.ProjectsWrite;
}

public sealed class DeleteProjectHandler(IApplicationDbContext db, ICurrentPrincipal principal, IPermissionReader permissions, IAuditLog audit) : ICommandHandler<DeleteProjectCommand>
{
    public async ValueTask<Unit> Handle(DeleteProjectCommand command, CancellationToken cancellationToken)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
            ?? throw ProjectNotFound.Error(command.Id);

        // Both are bounded by the plan's caps. Spinners point at the project's tables without a cascade (SQL Server
        // allows one cascade path into a table), so they are deleted, and saved, before the tables.
        var spinners = await db.Spinners.Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        var tables = await db.DataTables.Where(t => t.ProjectId == project.Id).ToListAsync(cancellationToken);

        // Deleting a project deletes what it holds, so it needs the permissions those deletes would need on their own.
        if (tables.Count > 0)
        {
            await permissions.EnsureHeldAsync(principal, Permissions.DataTablesDelete, cancellationToken);
        }

        if (spinners.Count > 0)
        {
            await permissions.EnsureHeldAsync(principal, Permissions.SpinnersWrite, cancellationToken);
        }

        db.Spinners.RemoveRange(spinners);
        await db.SaveChangesAsync(cancellationToken);
        db.DataTables.RemoveRange(tables);
        db.Projects.Remove(project);
        audit.Record(AuditEventTypes.ProjectDeleted, new { projectId = project.Id, project.Name, tables = tables.Count, spinners = spinners.Count });
        return Unit.Value;
    }
}
