using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Jobs;
using CXGear.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Commands.CancelJob;

/// <summary>
/// <c>POST /jobs/{id}/cancel</c>: a queued job is cancelled at once, a running one is asked to stop, a finished
/// one is 409 CONFLICT. Units already counted on the monthly meters stay counted.
/// </summary>
public sealed record CancelJobCommand(Guid Id) : ICommand<JobDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersRun;
}

public sealed class CancelJobHandler(IApplicationDbContext db, WebhookOutbox webhooks, TimeProvider clock) : ICommandHandler<CancelJobCommand, JobDto>
{
    public async ValueTask<JobDto> Handle(CancelJobCommand command, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == command.Id, cancellationToken)
            ?? throw JobErrors.JobNotFound(command.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var wasQueued = job.Status == JobStatus.Queued;
        var spinnerName = await db.Spinners.Where(s => s.Id == job.SpinnerId).Select(s => s.Name).FirstAsync(cancellationToken);
        job.Cancel(now);
        if (wasQueued)
        {
            // Nothing ran: every record ends skipped and goes back to Records/month (a running job's runtime does the same
            // for the records it never reached).
            var skipped = await db.JobRecords
                .Where(r => r.JobId == job.Id && r.Status == JobRecordStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobRecordStatus.Skipped).SetProperty(r => r.EndedAt, now), cancellationToken);
            job.GiveBackUnrunRecords(skipped, now);

            // Cancelled here and now; a running job's cancel is announced by the runtime when it has stopped.
            await webhooks.AddAsync(job.OrganizationId, WebhookEventTypes.JobCancelled, JobDto.From(job, spinnerName), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return JobDto.From(job, spinnerName);
    }
}
