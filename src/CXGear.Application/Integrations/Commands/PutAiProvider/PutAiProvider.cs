using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Integrations.Common;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Integrations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Integrations.Commands.PutAiProvider;

/// <summary>
/// <c>PUT /integrations/ai-providers/{provider}</c>: creates or replaces the organization's setting for an LLM provider.
/// The vault label must exist in the caller's vault and a custom endpoint must pass the deployment's outbound rule,
/// so a setting every record would fail on is refused here.
/// </summary>
public sealed record PutAiProviderCommand(string Provider, string? ApiKeyVaultLabel, string? DefaultModel, string? BaseUrl)
    : ICommand<AiProviderDto>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsWrite;
}

public sealed class PutAiProviderHandler(
    IApplicationDbContext db, ICurrentPrincipal principal, IOutboundTargetPolicy outbound, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<PutAiProviderCommand, AiProviderDto>
{
    public async ValueTask<AiProviderDto> Handle(PutAiProviderCommand command, CancellationToken cancellationToken)
    {
        var label = command.ApiKeyVaultLabel!;
        if (!await db.VaultSecrets.AnyAsync(s => s.Label == label, cancellationToken))
        {
            throw Invalid("apiKeyVaultLabel", $"The vault holds no secret '{label}'; add it with PUT /vault/{label} first.");
        }

        if (command.BaseUrl is { } baseUrl && outbound.Problem(new Uri(baseUrl)) is { } problem)
        {
            throw Invalid("baseUrl", problem);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var by = principal.UserId!.Value;
        var setting = await db.AiProviderSettings.FirstOrDefaultAsync(s => s.Provider == command.Provider, cancellationToken);
        if (setting is null)
        {
            setting = AiProviderSetting.Create(principal.OrganizationId!.Value, command.Provider, label, command.DefaultModel!, command.BaseUrl, by, now);
            db.AiProviderSettings.Add(setting);
        }
        else
        {
            setting.Update(label, command.DefaultModel!, command.BaseUrl, by, now);
        }

        audit.Record(AuditEventTypes.AiProviderSet, new { provider = setting.Provider, apiKeyVaultLabel = label, defaultModel = setting.DefaultModel, baseUrl = setting.BaseUrl });
        await db.SaveChangesAsync(cancellationToken);
        return AiProviderDto.From(setting);
    }

    private static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }
}
