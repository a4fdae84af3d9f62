using Microsoft.IdentityModel.Tokens;

namespace CXGear.Infrastructure.Auth;

/// <summary>
/// Token lifetime against the app's <see cref="TimeProvider"/> (the library reads the wall clock): our access tokens and
/// Google's ID tokens alike, so tests move one clock for both.
/// </summary>
public static class TokenLifetime
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
