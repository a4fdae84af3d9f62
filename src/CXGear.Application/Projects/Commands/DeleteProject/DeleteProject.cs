using CXGear.Application.Common.Abstractions;
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

public sealed class DeleteProjectHandler(IApplicationDbContext db) : ICommandHandler<DeleteProjectCommand>
{
    public async ValueTask<Unit> Handle(DeleteProjectCommand command, CancellationToken cancellationToken)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
            ?? throw ProjectNotFound.Error(command.Id);

        // Both are bounded by the plan's caps. Spinners point at the project's tables without a cascade (SQL Server
        // allows one cascade path into a table), so they are deleted, and saved, before the tables.
        var spinners = await db.Spinners.Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        db.Spinners.RemoveRange(spinners);
        await db.SaveChangesAsync(cancellationToken);
        var tables = await db.DataTables.Where(t => t.ProjectId == project.Id).ToListAsync(cancellationToken);
        db.DataTables.RemoveRange(tables);
        db.Projects.Remove(project);
        return Unit.Value;
    }
}
