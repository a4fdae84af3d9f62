using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Audit;
using CXGear.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Commands.LookupApiKey;

public sealed class LookupApiKeyValidator : AbstractValidator<LookupApiKeyCommand>
{
    public LookupApiKeyValidator() => RuleFor(x => x.Secret).NotEmpty().WithMessage("secret is required.").MaximumLength(200);
}
