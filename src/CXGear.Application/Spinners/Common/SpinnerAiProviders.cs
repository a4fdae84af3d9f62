using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Common;

internal static class SpinnerAiProviders
{
    /// <summary>
    /// An <c>ai_agent</c> step naming a provider the caller's organization has not configured would fail every record;
    /// 400 at <c>definition.steps[i].provider</c> instead. Confined to the caller's organization by the query filter.
    /// </summary>
    public static async Task EnsureConfiguredAsync(IApplicationDbContext db, SpinnerDefinition definition, CancellationToken cancellationToken)
    {
        var used = definition.Steps.Select((step, index) => (Step: step as AiAgentStep, Index: index))
            .Where(s => s.Step is { UsesConfiguredProvider: true })
            .ToList();
        if (used.Count == 0)
        {
            return;
        }

        var providers = used.Select(u => u.Step!.Provider).Distinct().ToList();
        var configured = await db.AiProviderSettings.Where(s => providers.Contains(s.Provider)).Select(s => s.Provider).ToListAsync(cancellationToken);
        var errors = used.Where(u => !configured.Contains(u.Step!.Provider)).ToDictionary(
            u => $"definition.steps[{u.Index}].provider",
            u => new[] { $"The organization has no '{u.Step!.Provider}' provider setting; add it with PUT /integrations/ai-providers/{u.Step.Provider} first." });
        if (errors.Count > 0)
        {
            var error = new CXGearException(ErrorCodes.ValidationError, errors.Values.First()[0]);
            error.Extensions["errors"] = errors;
            throw error;
        }
    }
}
