using System.Security.Claims;
using CXGear.Application.Common.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CXGear.Infrastructure.Auth;

/// <summary>Signs access tokens with HS256. Claims: <c>sub</c> (user), <c>org</c>, <c>sid</c> (session).</summary>
public sealed class JwtAccessTokenIssuer(JwtOptions options, SymmetricSecurityKey key, TimeProvider clock) : IAccessTokenIssuer
{
    public const string OrganizationClaim = "org";
    public const string SessionClaim = "sid";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(key, SecurityAlgorithms.HmacSha256);

    public AccessToken Issue(Guid userId, Guid organizationId, Guid sessionId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(options.AccessTokenMinutes);
        var expires = now + lifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = _credentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId.ToString()),
                new Claim(OrganizationClaim, organizationId.ToString()),
                new Claim(SessionClaim, sessionId.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
        return new AccessToken(token, expires, (int)lifetime.TotalSeconds);
    }
}
