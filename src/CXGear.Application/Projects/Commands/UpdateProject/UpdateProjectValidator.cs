using CXGear.Application.Projects.Common;
using CXGear.Domain.Projects;
using FluentValidation;

namespace CXGear.Application.Projects.Commands.UpdateProject;

public sealed class UpdateProjectValidator : AbstractValidator<UpdateProjectCommand>
{
    public UpdateProjectValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Project name cannot be empty.").MaximumLength(Project.MaxNameLength).When(x => x.Name is not null);
        RuleFor(x => x.Type).Must(ProjectTypes.IsValid).WithMessage("type must be 'outreach' or 'call_analyzer'.").When(x => x.Type is not null);
    }
}
