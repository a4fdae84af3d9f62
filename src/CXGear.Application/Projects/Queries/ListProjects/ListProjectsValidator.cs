using CXGear.Application.Common.Paging;
using CXGear.Application.Projects.Common;
using FluentValidation;

namespace CXGear.Application.Projects.Queries.ListProjects;

public sealed class ListProjectsValidator : AbstractValidator<ListProjectsQuery>
{
    public ListProjectsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Type).Must(ProjectTypes.IsValid).WithMessage("type must be 'outreach' or 'call_analyzer'.").When(x => x.Type is not null);
        RuleFor(x => x.Search).MaximumLength(200);
    }
}
