using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Spinners.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Queries.GetSpinner;

/// <summary>The spinner with its draft definition.</summary>
public sealed record GetSpinnerQuery(Guid Id) : IQuery<SpinnerDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersRead;
}

public sealed class GetSpinnerHandler(IApplicationDbContext db) : IQueryHandler<GetSpinnerQuery, SpinnerDto>
{
    public async ValueTask<SpinnerDto> Handle(GetSpinnerQuery query, CancellationToken cancellationToken)
    {
        var spinner = await db.Spinners.AsNoTracking().FirstOrDefaultAsync(s => s.Id == query.Id, cancellationToken)
            ?? throw SpinnerErrors.NotFound(query.Id);
        return SpinnerDto.From(spinner);
    }
}
