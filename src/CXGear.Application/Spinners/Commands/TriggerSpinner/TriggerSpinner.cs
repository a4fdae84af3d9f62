using System.Text.Json;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.ApiKeys;
using CXGear.Domain.Common;
using FluentValidation;
using Mediator;

namespace CXGear.Application.Spinners.Commands.TriggerSpinner;

public sealed record TriggerResult(bool Ok, Guid JobId, string Status);

/// <summary>
/// <c>POST /public/trigger/{spinnerId}</c> with a <c>trigger</c> key. Authentication and scope are real; spinners
/// arrive with the spinners-and-jobs work, so for now every spinner id is unknown in the key's organization (404).
/// </summary>
public sealed record TriggerSpinnerCommand(Guid SpinnerId, IReadOnlyList<Dictionary<string, JsonElement>>? Records)
    : ICommand<TriggerResult>, IRequireScope
{
    public const int MaxRecords = 500;

    public string Scope => ApiKeyScopes.Trigger;
}

public sealed class TriggerSpinnerHandler : ICommandHandler<TriggerSpinnerCommand, TriggerResult>
{
    public ValueTask<TriggerResult> Handle(TriggerSpinnerCommand command, CancellationToken cancellationToken) =>
        throw new CXGearException(ErrorCodes.NotFound, $"Spinner {command.SpinnerId} was not found.");
}

public sealed class TriggerSpinnerValidator : AbstractValidator<TriggerSpinnerCommand>
{
    public TriggerSpinnerValidator() =>
        RuleFor(x => x.Records!.Count).InclusiveBetween(1, TriggerSpinnerCommand.MaxRecords)
            .WithName("records").WithMessage($"Send between 1 and {TriggerSpinnerCommand.MaxRecords} records, or none to run the whole table.")
            .When(x => x.Records is not null);
}
