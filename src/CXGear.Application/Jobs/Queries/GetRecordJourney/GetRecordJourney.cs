using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Queries.GetRecordJourney;

/// <summary><c>GET /records/{id}/journey</c>: one record's start, end, duration, final outputs and step events in order (none while it is pending).</summary>
public sealed record GetRecordJourneyQuery(Guid Id) : IQuery<RecordJourneyDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class GetRecordJourneyHandler(IApplicationDbContext db) : IQueryHandler<GetRecordJourneyQuery, RecordJourneyDto>
{
    public async ValueTask<RecordJourneyDto> Handle(GetRecordJourneyQuery query, CancellationToken cancellationToken)
    {
        var record = await db.JobRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
            ?? throw JobErrors.RecordNotFound(query.Id);
        var events = await db.RecordEvents.AsNoTracking()
            .Where(e => e.RecordId == record.Id)
            .OrderBy(e => e.Index)
            .ToListAsync(cancellationToken);
        return new RecordJourneyDto(
            record.Id,
            record.JobId,
            JobDto.Name(record.Status),
            record.StartedAt,
            record.EndedAt,
            JobRecordDto.Milliseconds(record.StartedAt, record.EndedAt),
            JobRecordDto.Json(record.Outputs),
            events.Select(RecordEventDto.From).ToList());
    }
}
