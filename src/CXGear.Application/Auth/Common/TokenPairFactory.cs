using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Security;
using CXGear.Domain.Organizations;
using CXGear.Domain.Sessions;
using CXGear.Domain.Users;

namespace CXGear.Application.Auth.Common;

/// <summary>Issues an access token and a fresh refresh token for a session (sign-up, login, refresh).</summary>
public sealed class TokenPairFactory(IApplicationDbContext db, IAccessTokenIssuer tokens)
{
    /// <summary>Adds the refresh token's hash to the unit of work; the caller saves.</summary>
    public AuthResult Issue(User user, Organization organization, Session session, DateTime now)
    {
        var refresh = OpaqueTokens.New();
        db.RefreshTokens.Add(RefreshToken.Issue(session.Id, OpaqueTokens.Hash(refresh), now));
        var access = tokens.Issue(user.Id, organization.Id, session.Id);
        return new AuthResult(
            access.Token,
            "Bearer",
            access.ExpiresInSeconds,
            access.ExpiresAt,
            refresh,
            SessionDto.From(session),
            UserSummaryDto.From(user),
            OrganizationDto.From(organization));
    }
}
