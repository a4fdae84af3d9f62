using CXGear.Application.Projects.Common;
using CXGear.Domain.Projects;
using FluentValidation;

namespace CXGear.Application.Projects.Commands.CreateProject;

public sealed class CreateProjectValidator : AbstractValidator<CreateProjectCommand>
{
    public CreateProjectValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Project name is required.").MaximumLength(Project.MaxNameLength);
        RuleFor(x => x.Type).Must(ProjectTypes.IsValid).WithMessage("type must be 'outreach' or 'call_analyzer'.");
    }
}
