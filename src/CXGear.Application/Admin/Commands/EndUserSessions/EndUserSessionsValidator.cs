using FluentValidation;

namespace CXGear.Application.Admin.Commands.EndUserSessions;

public sealed class EndUserSessionsValidator : AbstractValidator<EndUserSessionsCommand>
{
    public EndUserSessionsValidator() => RuleFor(x => x.Reason).MaximumLength(500);
}
