using Microsoft.IdentityModel.Tokens;

namespace CXGear.Api.Authentication;

/// <summary>Token lifetime against the app's <see cref="TimeProvider"/> (the library reads the wall clock).</summary>
internal static class TokenLifetime
{
    public static bool Validate(DateTime? notBefore, DateTime? expires, TimeSpan skew, DateTime now)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } nbf && nbf.ToUniversalTime() > now + skew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.");
        }

        if (expires.Value.ToUniversalTime() < now - skew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }
}
