using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Commands.IngestRecords;
using FluentValidation;

namespace CXGear.Application.DataTables.Commands.IngestViaWebhook;

public sealed class IngestViaWebhookValidator : AbstractValidator<IngestViaWebhookCommand>
{
    public IngestViaWebhookValidator() => RuleFor(x => x.Records).MustBeARecordBatch();
}
