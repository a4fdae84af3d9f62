using CXGear.Domain.Integrations;
using CXGear.Domain.Vault;
using FluentValidation;

namespace CXGear.Application.Integrations.Commands.PutAiProvider;

public sealed class PutAiProviderValidator : AbstractValidator<PutAiProviderCommand>
{
    public PutAiProviderValidator()
    {
        RuleFor(x => x.Provider).Must(AiProviders.IsKnown).WithMessage($"'provider' is one of {string.Join(", ", AiProviders.All)}.");
        RuleFor(x => x.ApiKeyVaultLabel).Must(VaultLabel.IsValid).WithMessage(VaultLabel.Rule);
        RuleFor(x => x.DefaultModel).Custom((model, context) =>
        {
            if (AiProviderSetting.ModelProblem(model) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(x => x.BaseUrl)
            .MaximumLength(AiProviderSetting.MaxBaseUrlLength)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0)
            .WithMessage("'baseUrl' is an absolute http(s) URL without a query, e.g. https://gateway.example.com/v1.")
            .When(x => x.BaseUrl is not null);
    }
}
