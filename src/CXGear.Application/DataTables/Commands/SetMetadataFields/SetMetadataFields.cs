using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Commands.SetMetadataFields;

/// <summary>Chooses the columns that enter automation (a subset of the columns; empty = none chosen). New runs only.</summary>
public sealed record SetMetadataFieldsCommand(Guid Id, IReadOnlyList<string> Fields) : ICommand<DataTableDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsWrite;
}

public sealed class SetMetadataFieldsHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<SetMetadataFieldsCommand, DataTableDto>
{
    public async ValueTask<DataTableDto> Handle(SetMetadataFieldsCommand command, CancellationToken cancellationToken)
    {
        var table = await db.DataTables.FirstOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw DataTableNotFound.Error(command.Id);
        table.SetMetadataFields(command.Fields, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return DataTableDto.From(table);
    }
}
