using CXGear.Api.Authentication;
using NSwag;

namespace CXGear.Api.OpenApi;

/// <summary>The three credentials of docs/api.md#credentials, named as the server's authentication schemes are.</summary>
internal static class SecuritySchemes
{
    public static void AddTo(OpenApiDocument document)
    {
        document.SecurityDefinitions[AuthSchemes.Jwt] = new OpenApiSecurityScheme
        {
            Type = OpenApiSecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A user's access token from /auth/login, /auth/signup or /auth/refresh: `Authorization: Bearer <jwt>`. "
                + "Lives 15 minutes; every route except /public/* takes it.",
        };
        document.SecurityDefinitions[AuthSchemes.ApiKey] = new OpenApiSecurityScheme
        {
            Type = OpenApiSecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "cxg_ API key",
            Description = "An organization API key: `Authorization: Bearer cxg_…` (40 characters). Scopes `ingest` and `trigger` "
                + "open /public/ingest and /public/trigger/{spinnerId}; no other route takes a key.",
        };
        document.SecurityDefinitions[AuthSchemes.IngestToken] = new OpenApiSecurityScheme
        {
            Type = OpenApiSecuritySchemeType.ApiKey,
            Name = IngestTokenAuthenticationHandler.HeaderName,
            In = OpenApiSecurityApiKeyLocation.Header,
            Description = "A data table's ingest token `cxgt_…`, write-only to that table: in this header, or as the last path "
                + "segment of /public/data-tables/ingest/{token}.",
        };
    }

    public static OpenApiSecurityRequirement Requirement(string scheme) => new() { [scheme] = [] };

    /// <summary>The empty requirement: satisfied without any credential. (An empty <c>security</c> list would be dropped from the JSON.)</summary>
    public static OpenApiSecurityRequirement Anonymous() => new();
}
