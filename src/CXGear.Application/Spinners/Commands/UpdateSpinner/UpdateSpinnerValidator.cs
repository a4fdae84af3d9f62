using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Spinners.Common;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Domain.Spinners;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Commands.UpdateSpinner;

public sealed class UpdateSpinnerValidator : AbstractValidator<UpdateSpinnerCommand>
{
    public UpdateSpinnerValidator(IOutboundDestinations destinations)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Spinner name is required.").MaximumLength(Spinner.MaxNameLength);
        RuleFor(x => x.Definition).ValidSpinnerDefinition(destinations);
    }
}
