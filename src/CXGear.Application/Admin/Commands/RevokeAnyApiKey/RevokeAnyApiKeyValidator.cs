using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.ApiKeys;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Commands.RevokeAnyApiKey;

public sealed class RevokeAnyApiKeyValidator : AbstractValidator<RevokeAnyApiKeyCommand>
{
    public RevokeAnyApiKeyValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the key is revoked; the organization sees it.").MaximumLength(ApiKey.MaxReasonLength);
}
