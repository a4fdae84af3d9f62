namespace CXGear.Infrastructure.Auth;

public sealed class JwtOptions
{
    public const string Section = "Jwt";

    /// <summary>HMAC key, at least 32 bytes of UTF-8 text (or base64 with the <c>base64:</c> prefix).</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "cxgear";
    public string Audience { get; set; } = "cxgear-api";

    /// <summary>Access token lifetime; the contract fixes 15 minutes.</summary>
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>Tolerated clock difference between servers; the contract caps it at 30 seconds.</summary>
    public int ClockSkewSeconds { get; set; } = 30;
}
