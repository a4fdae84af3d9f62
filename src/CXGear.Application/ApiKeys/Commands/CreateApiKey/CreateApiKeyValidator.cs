using CXGear.Domain.ApiKeys;
using FluentValidation;

namespace CXGear.Application.ApiKeys.Commands.CreateApiKey;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator(TimeProvider clock)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Key name is required.").MaximumLength(ApiKey.MaxNameLength);
        RuleFor(x => x.Scopes).NotEmpty().WithMessage("A key holds at least one scope: ingest, trigger.");
        RuleForEach(x => x.Scopes).Must(ApiKeyScopes.IsKnown).WithMessage("Unknown scope '{PropertyValue}'; scopes are ingest and trigger.");
        RuleFor(x => x.ExpiresAt)
            .Must((command, _) => command.ExpiresAtUtc > clock.GetUtcNow().UtcDateTime).WithMessage("expiresAt must be in the future.")
            .When(x => x.ExpiresAt is not null);
    }
}
