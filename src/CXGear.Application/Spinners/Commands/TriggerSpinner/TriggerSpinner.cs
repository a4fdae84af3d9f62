using System.Text.Json;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.ApiKeys;
using CXGear.Domain.Jobs;
using Mediator;

namespace CXGear.Application.Spinners.Commands.TriggerSpinner;

/// <summary>
/// <c>POST /public/trigger/{spinnerId}</c> with a <c>trigger</c> key: a queued job of origin api, over the whole
/// table, or over 1–500 inline rows checked like ingest (flat, the table's columns, value types and sizes).
/// Another organization's spinner is 404 through the tenant filter.
/// </summary>
public sealed record TriggerSpinnerCommand(Guid SpinnerId, JsonElement? Records) : ICommand<JobQueuedDto>, IRequireScope
{
    public string Scope => ApiKeyScopes.Trigger;

    /// <summary>Absent or null means "the whole table".</summary>
    public bool HasRecords => Records is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
}

public sealed class TriggerSpinnerHandler(JobCreation jobs) : ICommandHandler<TriggerSpinnerCommand, JobQueuedDto>
{
    public async ValueTask<JobQueuedDto> Handle(TriggerSpinnerCommand command, CancellationToken cancellationToken) =>
        await jobs.QueueAsync(command.SpinnerId, JobOrigin.Api, command.HasRecords ? command.Records : null, cancellationToken);
}
