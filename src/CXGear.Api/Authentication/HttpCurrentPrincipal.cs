using System.Net;
using System.Security.Claims;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Organizations;
using CXGear.Infrastructure.Auth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CXGear.Api.Authentication;

/// <summary>The authenticated caller of the current HTTP request, as the application layer sees it.</summary>
internal sealed class HttpCurrentPrincipal(IHttpContextAccessor accessor, BackgroundTenant background) : ICurrentPrincipal
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public CredentialKind Kind => User switch
    {
        null => CredentialKind.Anonymous,
        var u when u.HasClaim(c => c.Type == AuthSchemes.KeyIdClaim) => CredentialKind.ApiKey,
        var u when u.HasClaim(c => c.Type == AuthSchemes.TableIdClaim) => CredentialKind.IngestToken,
        // Operators are the accounts of the platform organization (Organization.PlatformId).
        var u when u.HasClaim(c => c.Type == JwtAccessTokenIssuer.SessionClaim) =>
            OrganizationId == Organization.PlatformId ? CredentialKind.Operator : CredentialKind.User,
        _ => CredentialKind.Anonymous,
    };

    public Guid? UserId => Read(JwtRegisteredClaimNames.Sub);
    /// <summary>The caller's organization; in a scope with no caller (the runtime's), the one it set on <see cref="BackgroundTenant"/>.</summary>
    public Guid? OrganizationId => User is null ? background.OrganizationId : Read(JwtAccessTokenIssuer.OrganizationClaim);
    public Guid? SessionId => Read(JwtAccessTokenIssuer.SessionClaim);
    public Guid? ApiKeyId => Read(AuthSchemes.KeyIdClaim);
    public Guid? DataTableId => Read(AuthSchemes.TableIdClaim);

    public bool HasScope(string scope) =>
        Kind == CredentialKind.ApiKey && User!.HasClaim(AuthSchemes.ScopeClaim, scope);

    private Guid? Read(string claim) => Guid.TryParse(User?.FindFirstValue(claim), out var id) ? id : null;
}

internal sealed class HttpClientInfo(IHttpContextAccessor accessor) : IClientInfo
{
    public string IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : IPAddress.None.ToString();

    public string? UserAgent => accessor.HttpContext?.Request.Headers.UserAgent.ToString();
}
