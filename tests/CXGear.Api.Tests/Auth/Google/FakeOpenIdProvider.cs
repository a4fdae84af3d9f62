using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CXGear.Api.Tests.Auth.Google;

/// <summary>
/// An OpenID provider as far as Sign in with Google uses one, on a real Kestrel port: a discovery document, a JWKS with
/// an RSA key made here, and a token endpoint that checks the client, the redirect URI and the PKCE verifier (S256)
/// against what the authorization request carried, then returns an ID token signed with that key. The user's consent
/// is <see cref="Approve"/>: the test reads our authorization URL and mints the code Google would send back.
/// Not disposable on purpose: a fixture starts it while configuring its host and stops it in its one-time tear-down.
/// </summary>
internal sealed class FakeOpenIdProvider
{
    public const string ClientId = "cxgear-web.apps.test";
    public const string ClientSecret = "google-client-secret-0123456789";
    public const string AuthorizePath = "/o/oauth2/v2/auth";

    private readonly WebApplication _app;
    private readonly Func<DateTimeOffset> _now;
    private RsaSecurityKey _key = NewKey("fake-google-key-1");

    /// <summary>Signs tokens the JWKS does not publish (a forger's key with a kid of its own).</summary>
    private readonly RsaSecurityKey _rogueKey = NewKey("rogue-key");

    private FakeOpenIdProvider(WebApplication app, Func<DateTimeOffset> now)
    {
        _app = app;
        _now = now;
    }

    public string BaseUrl => _app.Urls.First();

    /// <summary>Codes minted by <see cref="Approve"/>, until the token endpoint spends them.</summary>
    public ConcurrentDictionary<string, (Authorization Request, Grant Grant)> Codes { get; } = new();

    /// <summary>Token endpoint requests (form fields), for assertions.</summary>
    public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();

    /// <summary>How many times the discovery document was read.</summary>
    public int DiscoveryReads => _discoveryReads;

    private int _discoveryReads;

    /// <summary>What our authorization URL asked for.</summary>
    public sealed record Authorization(string ClientId, string RedirectUri, string State, string Nonce, string CodeChallenge, string CodeChallengeMethod, string Scope);

    /// <summary>The identity the user consents to, and the ways a test bends the ID token.</summary>
    public sealed record Grant(string Email)
    {
        public bool EmailVerified { get; init; } = true;
        public string? Nonce { get; init; }
        public string? Audience { get; init; }
        public bool SignWithRogueKey { get; init; }
    }

    public static async Task<FakeOpenIdProvider> StartAsync(Func<DateTimeOffset> now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenIdProvider(app, now);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Reads the parameters of an authorization URL we sent the browser to.</summary>
    public static Authorization Read(Uri authorizeUrl)
    {
        var query = System.Web.HttpUtility.ParseQueryString(authorizeUrl.Query);
        return new Authorization(
            query["client_id"] ?? "", query["redirect_uri"] ?? "", query["state"] ?? "", query["nonce"] ?? "",
            query["code_challenge"] ?? "", query["code_challenge_method"] ?? "", query["scope"] ?? "");
    }

    /// <summary>The user signs in at the provider and consents: the code the provider's redirect carries.</summary>
    public string Approve(Authorization request, Grant grant)
    {
        var code = "4/fake-" + Guid.NewGuid().ToString("N");
        Codes[code] = (request, grant);
        return code;
    }

    /// <summary>The provider rotates its signing key: the JWKS publishes only the new one from now on.</summary>
    public void RotateKey() => _key = NewKey("fake-google-key-" + Guid.NewGuid().ToString("N")[..8]);

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private async Task HandleAsync(HttpContext context)
    {
        var result = context.Request.Path.Value switch
        {
            "/.well-known/openid-configuration" => Discovery(),
            "/jwks" => Jwks(),
            "/token" when context.Request.Method == "POST" => await TokenAsync(context.Request),
            _ => Results.NotFound(),
        };
        await result.ExecuteAsync(context);
    }

    private IResult Discovery()
    {
        Interlocked.Increment(ref _discoveryReads);
        return Results.Json(new JsonObject
        {
            ["issuer"] = BaseUrl,
            ["authorization_endpoint"] = BaseUrl + AuthorizePath,
            ["token_endpoint"] = BaseUrl + "/token",
            ["jwks_uri"] = BaseUrl + "/jwks",
            ["response_types_supported"] = new JsonArray("code"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
        });
    }

    private IResult Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
        return Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E,
            }),
        });
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        TokenRequests.Enqueue(form);
        string Field(string name) => form.TryGetValue(name, out var value) ? value : "";

        // Google's errors carry text we must never reflect; this one carries markup to prove it.
        var refused = Results.Json(new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "Bad Request <script>alert(1)</script>" }, statusCode: 400);
        if (Field("grant_type") != "authorization_code" || Field("client_id") != ClientId || Field("client_secret") != ClientSecret
            || !Codes.TryRemove(Field("code"), out var issued))
        {
            return refused;
        }

        var (authorization, grant) = issued;
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(Field("code_verifier"))));
        if (Field("redirect_uri") != authorization.RedirectUri || authorization.CodeChallengeMethod != "S256" || challenge != authorization.CodeChallenge)
        {
            return refused;
        }

        var now = _now().UtcDateTime;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BaseUrl,
            Audience = grant.Audience ?? ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "10769150350006150715113082367",
                ["email"] = grant.Email,
                ["email_verified"] = grant.EmailVerified,
                ["nonce"] = grant.Nonce ?? authorization.Nonce,
            },
            SigningCredentials = new SigningCredentials(grant.SignWithRogueKey ? _rogueKey : _key, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new JsonObject
        {
            ["access_token"] = "ya29.fake-" + Guid.NewGuid().ToString("N"),
            ["expires_in"] = 3599,
            ["token_type"] = "Bearer",
            ["scope"] = authorization.Scope,
            ["id_token"] = idToken,
        });
    }
}
