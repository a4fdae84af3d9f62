using FluentValidation;

namespace CXGear.Application.DataTables.Commands.SetIngestWebhook;

public sealed class SetIngestWebhookValidator : AbstractValidator<SetIngestWebhookCommand>
{
    public SetIngestWebhookValidator() => RuleFor(x => x.Enabled).NotNull().WithMessage("enabled is required (true or false).");
}
