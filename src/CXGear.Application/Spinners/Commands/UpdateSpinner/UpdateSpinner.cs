using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Spinners.Common;
using CXGear.Application.Spinners.Runtime.Functions;
using CXGear.Domain.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Commands.UpdateSpinner;

/// <summary>
/// <c>PUT /spinners/{id}</c>: replaces the draft's name and definition, validated at save. Published versions
/// (and jobs pinned to them) do not change; the table, parent and start condition are fixed at creation.
/// </summary>
public sealed record UpdateSpinnerCommand(Guid Id, string? Name, JsonElement Definition) : ICommand<SpinnerDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersWrite;
}

public sealed class UpdateSpinnerHandler(IApplicationDbContext db, IFunctionRunner functions, TimeProvider clock) : ICommandHandler<UpdateSpinnerCommand, SpinnerDto>
{
    public async ValueTask<SpinnerDto> Handle(UpdateSpinnerCommand command, CancellationToken cancellationToken)
    {
        var spinner = await db.Spinners.Live().FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
            ?? throw SpinnerErrors.NotFound(command.Id);
        var definition = SpinnerErrors.Parse(command.Definition);
        SpinnerFunctionCode.EnsureRunnable(functions, definition);
        await SpinnerReferences.EnsureHeldAsync(db, definition, cancellationToken);
        await SpinnerAiProviders.EnsureConfiguredAsync(db, definition, cancellationToken);
        spinner.UpdateDraft(command.Name!, definition, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return SpinnerDto.From(spinner);
    }
}
