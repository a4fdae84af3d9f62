using CXGear.Application.Spinners.Common;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Domain.Spinners;
using CXGear.Domain.Spinners.Definitions;
using FluentValidation;

namespace CXGear.Application.Spinners.Commands.CreateSpinner;

public sealed class CreateSpinnerValidator : AbstractValidator<CreateSpinnerCommand>
{
    public CreateSpinnerValidator(IOutboundDestinations destinations)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Spinner name is required.").MaximumLength(Spinner.MaxNameLength);
        RuleFor(x => x.DataTableId).NotEmpty().WithMessage("'dataTableId' is required.");
        RuleFor(x => x.Definition).ValidSpinnerDefinition(destinations);
        RuleFor(x => x.StartWhen).NotNull().When(x => x.ParentSpinnerId is not null)
            .WithMessage("A supporting spinner needs 'startWhen' {field, equals}.");
        RuleFor(x => x.StartWhen).Null().When(x => x.ParentSpinnerId is null)
            .WithMessage("'startWhen' is only for a supporting spinner (one with parentSpinnerId).");
        When(x => x.StartWhen is not null, () =>
        {
            RuleFor(x => x.StartWhen!.Field).NotEmpty().MaximumLength(DefinitionLimits.MaxFieldLength)
                .OverridePropertyName("startWhen.field").WithMessage($"'startWhen.field' is required and at most {DefinitionLimits.MaxFieldLength} characters.");
            RuleFor(x => x.StartWhen!.EqualsText).NotNull().MaximumLength(DefinitionLimits.MaxEqualsLength)
                .OverridePropertyName("startWhen.equals").WithMessage($"'startWhen.equals' is required and at most {DefinitionLimits.MaxEqualsLength} characters.");
        });
    }
}
