using CXGear.Application.Common.Messaging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Jobs;
using Mediator;

namespace CXGear.Application.Jobs.Commands.RunSpinner;

/// <summary><c>POST /spinners/{id}/run</c>: a queued job of origin manual over the spinner's whole table.</summary>
public sealed record RunSpinnerCommand(Guid Id) : ICommand<JobQueuedDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersRun;
}

public sealed class RunSpinnerHandler(JobCreation jobs) : ICommandHandler<RunSpinnerCommand, JobQueuedDto>
{
    public async ValueTask<JobQueuedDto> Handle(RunSpinnerCommand command, CancellationToken cancellationToken) =>
        await jobs.QueueAsync(command.Id, JobOrigin.Manual, null, cancellationToken);
}
