using FluentValidation;

namespace CXGear.Application.ApiKeys.Commands.RotateApiKey;

public sealed class RotateApiKeyValidator : AbstractValidator<RotateApiKeyCommand>
{
    public RotateApiKeyValidator() =>
        RuleFor(x => x.GraceSeconds).InclusiveBetween(0, RotateApiKeyCommand.MaxGraceSeconds)
            .WithMessage($"graceSeconds is between 0 and {RotateApiKeyCommand.MaxGraceSeconds}.");
}
