using CXGear.Application.Common.Paging;
using CXGear.Domain.Audit;
using FluentValidation;

namespace CXGear.Application.Admin.Queries.ListAuditEvents;

public sealed class ListAuditEventsValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsValidator()
    {
        this.AddPagingRules();

        // An unknown type would silently match nothing; a typo deserves a 400 listing the real ones.
        RuleFor(x => x.Type)
            .Must(t => string.IsNullOrEmpty(t) || AuditEventTypes.IsKnown(t))
            .WithMessage($"type is one of {string.Join(", ", AuditEventTypes.All)}.");
        RuleFor(x => x.To)
            .GreaterThan(x => x.From)
            .When(x => x.From is not null && x.To is not null)
            .WithMessage("to must be later than from.");
    }
}
