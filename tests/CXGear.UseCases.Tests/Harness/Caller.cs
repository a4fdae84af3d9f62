using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Organizations;

namespace CXGear.UseCases.Tests.Harness;

/// <summary>Who sends a message: what authentication would have established for an HTTP request.</summary>
public sealed record Caller(
    CredentialKind Kind,
    Guid? UserId = null,
    Guid? OrganizationId = null,
    Guid? SessionId = null,
    Guid? ApiKeyId = null,
    Guid? DataTableId = null,
    IReadOnlyCollection<string>? Scopes = null)
{
    public static Caller Anonymous { get; } = new(CredentialKind.Anonymous);

    /// <summary>An organization member; what they may do is what their roles grant (read from the database).</summary>
    public static Caller Member(Guid organizationId, Guid userId, Guid? sessionId = null) =>
        new(CredentialKind.User, userId, organizationId, sessionId ?? Guid.NewGuid());

    /// <summary>A platform operator: an account of the platform organization.</summary>
    public static Caller Operator(Guid userId, Guid? sessionId = null) =>
        new(CredentialKind.Operator, userId, Organization.PlatformId, sessionId ?? Guid.NewGuid());

    public static Caller ApiKey(Guid organizationId, Guid apiKeyId, params string[] scopes) =>
        new(CredentialKind.ApiKey, null, organizationId, null, apiKeyId, Scopes: scopes);

    public static Caller IngestToken(Guid organizationId, Guid dataTableId) =>
        new(CredentialKind.IngestToken, null, organizationId, DataTableId: dataTableId);

    public bool HasScope(string scope) => Kind == CredentialKind.ApiKey && Scopes is not null && Scopes.Contains(scope);
}

/// <summary>The scope's <see cref="ICurrentPrincipal"/>: the caller the harness set for this send.</summary>
internal sealed class HarnessPrincipal(BackgroundTenant background) : ICurrentPrincipal
{
    public Caller Caller { get; set; } = Caller.Anonymous;

    public CredentialKind Kind => Caller.Kind;
    public Guid? UserId => Caller.UserId;

    /// <summary>Like the HTTP principal: with no caller, the organization background work set (the runtime's).</summary>
    public Guid? OrganizationId => Caller.Kind == CredentialKind.Anonymous ? background.OrganizationId : Caller.OrganizationId;

    public Guid? SessionId => Caller.SessionId;
    public Guid? ApiKeyId => Caller.ApiKeyId;
    public Guid? DataTableId => Caller.DataTableId;

    public bool HasScope(string scope) => Caller.HasScope(scope);
}

/// <summary>The client facts sessions record; HTTP reads them from the request.</summary>
public sealed class HarnessClientInfo : IClientInfo
{
    public string IpAddress { get; set; } = "203.0.113.10";
    public string? UserAgent { get; set; }
}

internal sealed class HarnessPublicApiUrl : IPublicApiUrl
{
    public string BaseUrl => UseCaseHost.PublicApiUrl;

    public string? CallbackBaseUrl => UseCaseHost.PublicApiUrl;
}
