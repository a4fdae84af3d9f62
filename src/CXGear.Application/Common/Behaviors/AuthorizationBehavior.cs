using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using Mediator;

namespace CXGear.Application.Common.Behaviors;

/// <summary>
/// Holds every message to the credential and permission it declares through a marker interface,
/// so no controller or handler carries an authorization <c>if</c>.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentPrincipal principal, IPermissionReader permissions)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IRequireSignedIn)
        {
            switch (principal.Kind)
            {
                case CredentialKind.Anonymous:
                    throw new CXGearException(ErrorCodes.Unauthenticated, "Sign in to continue.");
                case CredentialKind.ApiKey:
                    throw new CXGearException(ErrorCodes.ApiKeyNotAllowed, "API keys cannot call this route; use a user access token.")
                        .WithHint(ErrorHints.ApiKeysReachPublicOnly);
                case CredentialKind.IngestToken:
                    throw new CXGearException(ErrorCodes.Unauthenticated, "An ingest token only writes to its table; sign in to continue.");
            }
        }

        if (message is IRequireUser && principal.Kind == CredentialKind.Operator)
        {
            throw new CXGearException(ErrorCodes.Forbidden, "Operator accounts cannot use organization routes; use /admin.");
        }

        if (message is IRequireOperator && principal.Kind != CredentialKind.Operator)
        {
            throw new CXGearException(ErrorCodes.Forbidden, "Only platform operators can use /admin routes.");
        }

        if (message is IRequireScope { Scope: var scope })
        {
            if (principal.Kind != CredentialKind.ApiKey)
            {
                throw new CXGearException(ErrorCodes.InvalidApiKey, "Invalid API key").WithHint(ErrorHints.UseApiKey);
            }

            if (!principal.HasScope(scope))
            {
                var missing = new CXGearException(ErrorCodes.KeyMissingScope, $"Key missing scope: {scope}").WithHint(ErrorHints.CreateKeyWithScope(scope));
                missing.Extensions["scope"] = scope;
                throw missing;
            }
        }

        if (message is IRequireIngestToken && (principal.Kind != CredentialKind.IngestToken || principal.DataTableId is null))
        {
            throw new CXGearException(ErrorCodes.InvalidIngestToken, "Invalid ingest token");
        }

        if (message is IRequirePermission { Permission: var required })
        {
            var granted = await permissions.GetPermissionsAsync(principal.UserId!.Value, cancellationToken);
            if (!Permissions.Grants(granted, required))
            {
                throw MissingPermission.Error(required);
            }
        }

        return await next(message, cancellationToken);
    }
}
