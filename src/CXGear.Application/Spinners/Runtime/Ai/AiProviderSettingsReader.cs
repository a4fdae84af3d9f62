using CXGear.Application.Common.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Application.Spinners.Runtime.Ai;

/// <summary>
/// In a scope of its own, like the vault reader: records run concurrently and only the job's coordinator may use the
/// job's DbContext. One indexed read per AI step; it is small next to the model call it precedes.
/// </summary>
internal sealed class AiProviderSettingsReader(IServiceScopeFactory scopes) : IAiProviderSettingsReader
{
    public async Task<AiProviderConfig?> FindAsync(Guid organizationId, string provider, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        return await db.AiProviderSettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.OrganizationId == organizationId && s.Provider == provider)
            .Select(s => new AiProviderConfig(s.ApiKeyVaultLabel, s.DefaultModel, s.BaseUrl))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
