using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CXGear.Api.Tests.Infrastructure;

/// <summary>Tokens an attacker (or a broken client) could present.</summary>
public static class ForgedTokens
{
    public static string Signed(Signed who, string key = CXGearApiFactory.SigningKey, string issuer = "cxgear", string audience = "cxgear-api", DateTime? now = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var issued = now ?? DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.AddMinutes(15),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", who.UserId),
                new Claim("org", who.OrganizationId),
                new Claim("sid", who.SessionId),
            ]),
        });
    }

    /// <summary>The classic downgrade: same claims, <c>alg: none</c>, no signature.</summary>
    public static string Unsigned(string validToken)
    {
        var payload = validToken.Split('.')[1];
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { alg = "none", typ = "JWT" }));
        return $"{header}.{payload}.";
    }

    /// <summary>Changes one claim of the payload and keeps the original signature.</summary>
    public static string Tampered(string validToken, string claim, string value)
    {
        var parts = validToken.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        var changed = payload.ToDictionary(p => p.Key, p => (object)p.Value);
        changed[claim] = value;
        parts[1] = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(changed));
        return string.Join('.', parts);
    }
}
