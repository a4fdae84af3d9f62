using CXGear.Application.Common.Auditing;
using FluentValidation;

namespace CXGear.Application.Auditing.Queries.ListOrganizationAuditEvents;

public sealed class ListOrganizationAuditEventsValidator : AbstractValidator<ListOrganizationAuditEventsQuery>
{
    public ListOrganizationAuditEventsValidator() => this.AddAuditFilterRules();
}
