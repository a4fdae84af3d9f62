using CXGear.Application.Common.Messaging;
using CXGear.Domain.ApiKeys;
using FluentValidation;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

public sealed class IngestRecordsValidator : AbstractValidator<IngestRecordsCommand>
{
    public IngestRecordsValidator()
    {
        RuleFor(x => x.DataTableId).NotEmpty().WithMessage("dataTableId is required.");
        RuleFor(x => x.Records).MustBeARecordBatch();
    }
}
