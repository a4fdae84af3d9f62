using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Integrations.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Integrations.Queries.ListAiProviders;

/// <summary><c>GET /integrations/ai-providers</c>: the caller's organization's configured LLM providers.</summary>
public sealed record ListAiProvidersQuery : IQuery<AiProviderList>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsRead;
}

public sealed class ListAiProvidersHandler(IApplicationDbContext db) : IQueryHandler<ListAiProvidersQuery, AiProviderList>
{
    public async ValueTask<AiProviderList> Handle(ListAiProvidersQuery query, CancellationToken cancellationToken) =>
        new(await db.AiProviderSettings.OrderBy(s => s.Provider).Select(AiProviderDto.Projection).ToListAsync(cancellationToken));
}
