using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Spinners.Common;
using CXGear.Application.Spinners.Schedules;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Commands.SetSpinnerSchedule;

/// <summary>
/// <c>PUT /spinners/{id}/schedule</c> <c>{cron, timeZone, enabled}</c>: a 5-field cron read in an IANA zone. Only a
/// published spinner (else 409 SPINNER_NOT_PUBLISHED). The next due time (UTC) is stored for the runtime to fire.
/// </summary>
public sealed record SetSpinnerScheduleCommand(Guid Id, string? Cron, string? TimeZone, bool Enabled) : ICommand<SpinnerDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersWrite;
}

public sealed class SetSpinnerScheduleHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<SetSpinnerScheduleCommand, SpinnerDto>
{
    public async ValueTask<SpinnerDto> Handle(SetSpinnerScheduleCommand command, CancellationToken cancellationToken)
    {
        var spinner = await db.Spinners.Live().FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
            ?? throw SpinnerErrors.NotFound(command.Id);
        if (!SpinnerSchedule.TryCreate(command.Cron, command.TimeZone, command.Enabled, out var schedule, out _))
        {
            throw SpinnerErrors.Invalid("cron", "The schedule is not valid.");
        }

        var now = clock.GetUtcNow();
        spinner.SetSchedule(schedule!.Cron, schedule.TimeZone, schedule.Enabled, schedule.NextOccurrence(now)?.UtcDateTime, now.UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return SpinnerDto.From(spinner);
    }
}
