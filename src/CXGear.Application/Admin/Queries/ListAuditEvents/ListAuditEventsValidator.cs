using CXGear.Application.Common.Auditing;
using FluentValidation;

namespace CXGear.Application.Admin.Queries.ListAuditEvents;

public sealed class ListAuditEventsValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsValidator() => this.AddAuditFilterRules();
}
