using CXGear.Domain.DataTables;
using FluentValidation;

namespace CXGear.Application.DataTables.Commands.CreateDataTable;

/// <summary>Shape only; the column rules (trimmed, unique, non-empty) are the entity's and answer 400 from there.</summary>
public sealed class CreateDataTableValidator : AbstractValidator<CreateDataTableCommand>
{
    public CreateDataTableValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Data table name is required.").MaximumLength(DataTable.MaxNameLength);
        RuleFor(x => x.Columns!.Count).LessThanOrEqualTo(DataTableColumns.MaxColumns).OverridePropertyName("columns").When(x => x.Columns is not null);
    }
}
