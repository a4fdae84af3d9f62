using System.Text.Json;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.ApiKeys;
using CXGear.Domain.Common;
using FluentValidation;
using Mediator;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

public sealed record IngestResult(bool Ok, int Inserted);

/// <summary>
/// <c>POST /public/ingest</c>: rows pushed by a CRM with an <c>ingest</c> key into one of its organization's
/// tables. Authentication and scope are real; data tables themselves arrive with the data-tables work, so for
/// now every table id is unknown in the key's organization (404), which is what it will answer for a foreign one.
/// </summary>
public sealed record IngestRecordsCommand(Guid DataTableId, IReadOnlyList<Dictionary<string, JsonElement>> Records)
    : ICommand<IngestResult>, IRequireScope
{
    public const int MaxRecords = 500;

    public string Scope => ApiKeyScopes.Ingest;
}

public sealed class IngestRecordsHandler : ICommandHandler<IngestRecordsCommand, IngestResult>
{
    public ValueTask<IngestResult> Handle(IngestRecordsCommand command, CancellationToken cancellationToken) =>
        throw new CXGearException(ErrorCodes.NotFound, $"Data table {command.DataTableId} was not found.");
}

public sealed class IngestRecordsValidator : AbstractValidator<IngestRecordsCommand>
{
    public IngestRecordsValidator()
    {
        RuleFor(x => x.DataTableId).NotEmpty().WithMessage("dataTableId is required.");
        RuleFor(x => x.Records).NotNull().WithMessage("records is required.")
            .Must(r => r is { Count: >= 1 and <= IngestRecordsCommand.MaxRecords })
            .WithMessage($"Send between 1 and {IngestRecordsCommand.MaxRecords} records.");
    }
}
