using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Spinners.Common;
using CXGear.Application.Spinners.Runtime.Functions;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Spinners;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Commands.CreateSpinner;

/// <summary><c>startWhen</c> as sent; null members are reported by the validator at their paths.</summary>
public sealed record StartWhenInput(string? Field, string? EqualsText);

/// <summary>
/// Creates a draft spinner over a table of the project. Drafts are free: the Spinners meter counts a main
/// spinner at its first publish, when it can first run.
/// </summary>
public sealed record CreateSpinnerCommand(
    Guid ProjectId,
    string? Name,
    Guid? DataTableId,
    JsonElement Definition,
    Guid? ParentSpinnerId,
    StartWhenInput? StartWhen)
    : ICommand<SpinnerDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersWrite;
}

public sealed class CreateSpinnerHandler(IApplicationDbContext db, ICurrentPrincipal principal, IFunctionRunner functions, TimeProvider clock)
    : ICommandHandler<CreateSpinnerCommand, SpinnerDto>
{
    public async ValueTask<SpinnerDto> Handle(CreateSpinnerCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == command.ProjectId, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.NotFound, $"Project {command.ProjectId} was not found.");
        }

        // Ids in the body that name nothing of this project are the body's fault (400), whether they are another
        // project's, another organization's or nobody's: the answer is the same, so it reveals nothing.
        var tableId = command.DataTableId!.Value;
        if (!await db.DataTables.AnyAsync(t => t.Id == tableId && t.ProjectId == command.ProjectId, cancellationToken))
        {
            throw SpinnerErrors.Invalid("dataTableId", $"Data table {tableId} is not a table of this project.");
        }

        Spinner? parent = null;
        if (command.ParentSpinnerId is { } parentId)
        {
            parent = await db.Spinners.Live().FirstOrDefaultAsync(s => s.Id == parentId && s.ProjectId == command.ProjectId, cancellationToken)
                ?? throw SpinnerErrors.Invalid("parentSpinnerId", $"Spinner {parentId} is not a spinner of this project.");
        }

        var definition = SpinnerErrors.Parse(command.Definition);
        SpinnerFunctionCode.EnsureRunnable(functions, definition);
        await SpinnerReferences.EnsureHeldAsync(db, definition, cancellationToken);
        await SpinnerAiProviders.EnsureConfiguredAsync(db, definition, cancellationToken);
        var startWhen = command.StartWhen is { } when ? new StartCondition(when.Field!, when.EqualsText!) : null;
        var spinner = Spinner.Create(
            principal.OrganizationId!.Value,
            command.ProjectId,
            tableId,
            command.Name!,
            definition,
            parent,
            startWhen,
            principal.UserId!.Value,
            clock.GetUtcNow().UtcDateTime);
        db.Spinners.Add(spinner);
        await db.SaveChangesAsync(cancellationToken);
        return SpinnerDto.From(spinner);
    }
}
