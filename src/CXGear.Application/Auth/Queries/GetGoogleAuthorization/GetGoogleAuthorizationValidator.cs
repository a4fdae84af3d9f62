using CXGear.Application.Common.Abstractions;
using FluentValidation;

namespace CXGear.Application.Auth.Queries.GetGoogleAuthorization;

public sealed class GetGoogleAuthorizationValidator : AbstractValidator<GetGoogleAuthorizationQuery>
{
    public GetGoogleAuthorizationValidator(IWebAppLinks links) =>
        RuleFor(x => x.ReturnUrl)
            .Must(url => links.AppPath(url!) is not null)
            .When(x => !string.IsNullOrEmpty(x.ReturnUrl))
            .WithMessage("returnUrl must be a path of the web app (like /projects) or a URL on the web app's own address.");
}
