using CXGear.Application.Common.Messaging;
using CXGear.Application.Spinners.Common;
using CXGear.Domain.Authorization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Commands.SetSpinnerSchedule;

public sealed class SetSpinnerScheduleValidator : AbstractValidator<SetSpinnerScheduleCommand>
{
    public SetSpinnerScheduleValidator() =>
        RuleFor(x => x).Custom((command, context) => context.AddScheduleFailures(command.Cron, command.TimeZone));
}
