using CXGear.Application.Common.Paging;
using CXGear.Domain.Jobs;
using FluentValidation;

namespace CXGear.Application.Jobs.Queries.ListRecords;

public sealed class ListRecordsValidator : AbstractValidator<ListRecordsQuery>
{
    public ListRecordsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Status)
            .Must(s => s is null || RecordStatuses.Parse(s) is not null)
            .WithMessage($"status is one of {string.Join(", ", RecordStatuses.Names)}.");
        RuleFor(x => x.Disposition)
            .Must(d => d is null || d.Length <= JobRecord.MaxDispositionLength)
            .WithMessage($"disposition is at most {JobRecord.MaxDispositionLength} characters (longer ones are never stored).");
        RuleFor(x => x.To)
            .GreaterThan(x => x.From)
            .When(x => x.From is not null && x.To is not null)
            .WithMessage("to must be later than from.");
    }
}
