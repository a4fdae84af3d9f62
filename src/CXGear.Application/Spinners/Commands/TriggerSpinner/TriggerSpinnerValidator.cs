using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Domain.ApiKeys;
using CXGear.Domain.Jobs;
using FluentValidation;

namespace CXGear.Application.Spinners.Commands.TriggerSpinner;

public sealed class TriggerSpinnerValidator : AbstractValidator<TriggerSpinnerCommand>
{
    public TriggerSpinnerValidator() =>
        RuleFor(x => x.Records!.Value).MustBeARecordBatch().OverridePropertyName("records").When(x => x.HasRecords);
}
