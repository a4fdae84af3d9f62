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

/// <summary>Deletes a project and gives its unit back to the Projects meter, in one transaction.</summary>
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
                db.Projects.Remove(project);
                await db.SaveChangesAsync(cancellationToken);
                await meters.ReleaseAsync(project.OrganizationId, Meter.Projects, 1, cancellationToken);
            },
            cancellationToken);
        return Unit.Value;
    }
}
