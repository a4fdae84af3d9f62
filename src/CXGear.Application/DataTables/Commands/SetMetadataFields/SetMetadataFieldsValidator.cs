using FluentValidation;

namespace CXGear.Application.DataTables.Commands.SetMetadataFields;

public sealed class SetMetadataFieldsValidator : AbstractValidator<SetMetadataFieldsCommand>
{
    public SetMetadataFieldsValidator() => RuleFor(x => x.Fields).NotNull().WithMessage("fields is required.");
}
