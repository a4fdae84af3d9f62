using CXGear.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CXGear.Api.Authentication;

internal static class AuthenticationSetup
{
    public static IServiceCollection AddCXGearAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<JwtSessionEvents>();
        services.AddAuthentication(AuthSchemes.Bearer)
            .AddPolicyScheme(AuthSchemes.Bearer, "JWT or cxg_ API key", o => o.ForwardDefaultSelector = AuthSchemes.Select)
            .AddJwtBearer(AuthSchemes.Jwt, _ => { })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, _ => { })
            .AddScheme<AuthenticationSchemeOptions, IngestTokenAuthenticationHandler>(AuthSchemes.IngestToken, _ => { });

        // Configured from DI so the token rules share the issuer's key, options and clock (tests move the clock).
        services.AddOptions<JwtBearerOptions>(AuthSchemes.Jwt)
            .Configure<JwtOptions, SymmetricSecurityKey, TimeProvider>((options, jwt, key, clock) =>
            {
                options.MapInboundClaims = false;
                options.EventsType = typeof(JwtSessionEvents);
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateIssuerSigningKey = true,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(jwt.ClockSkewSeconds),
                    NameClaimType = "sub",
                    LifetimeValidator = (notBefore, expires, _, parameters) =>
                        TokenLifetime.Validate(notBefore, expires, parameters.ClockSkew, clock.GetUtcNow().UtcDateTime),
                };
            });
        services.AddAuthorization();
        return services;
    }
}
