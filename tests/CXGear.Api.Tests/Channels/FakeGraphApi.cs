using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CXGear.Api.Tests.Channels;

/// <summary>
/// Meta's Graph API as far as channels use it, on a real Kestrel port: codes exchange for tokens, a token's grants
/// name business accounts, accounts list phone numbers, and numbers send template messages (answered in order from
/// <see cref="SendAnswers"/>, else accepted with a fresh <c>wamid</c>). Every request is kept for assertions.
/// Not disposable on purpose: a fixture starts it while configuring its host and stops it in its one-time tear-down.
/// </summary>
internal sealed class FakeGraphApi
{
    public const string Version = "v21.0";

    private readonly WebApplication _app;
    private int _messages;

    private FakeGraphApi(WebApplication app) => _app = app;

    public string BaseUrl => $"{_app.Urls.First()}/{Version}";

    /// <summary>Authorization code → access token.</summary>
    public ConcurrentDictionary<string, string> Codes { get; } = new();

    /// <summary>Access token → the business accounts <c>debug_token</c> reports.</summary>
    public ConcurrentDictionary<string, string[]> Grants { get; } = new();

    /// <summary>Access token → the business accounts it may read (whatever <c>debug_token</c> says).</summary>
    public ConcurrentDictionary<string, string[]> Owned { get; } = new();

    /// <summary>Business account → its numbers (id, display number, verified name).</summary>
    public ConcurrentDictionary<string, (string Id, string Phone, string Name)[]> Numbers { get; } = new();

    /// <summary>Scripted answers to sends (status, body), used before the default "accepted".</summary>
    public ConcurrentQueue<(int Status, string Body)> SendAnswers { get; } = new();

    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(string Method, string Path, string Query, string? Authorization, string Body);

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGraphApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>A business with fresh ids: its code, token, account and numbers (phone number ids are unique across the service).</summary>
    public Business AddBusiness(int numbers = 1)
    {
        var n = Guid.NewGuid().ToString("N");
        var digits = string.Concat(n.Where(char.IsAsciiDigit)).PadRight(12, '7')[..12];
        var business = new Business(
            "code-" + n,
            "EAAG-token-" + n,
            "1" + digits,
            Enumerable.Range(1, numbers).Select(i => ($"{i}{digits}", $"+1 555-01{i:D2}-{digits[..4]}", $"Acme {i}")).ToArray());
        Codes[business.Code] = business.Token;
        Grants[business.Token] = [business.WabaId];
        Owned[business.Token] = [business.WabaId];
        Numbers[business.WabaId] = business.PhoneNumbers;
        return business;
    }

    public sealed record Business(string Code, string Token, string WabaId, (string Id, string Phone, string Name)[] PhoneNumbers);

    /// <summary>Stops the server (a fixture-long fake: started in the host's configuration, stopped at the fixture's end).</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult Error(int status, int code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "OAuthException", ["code"] = code, ["fbtrace_id"] = "AbC" } }, statusCode: status);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = context.Request;
        var authorization = request.Headers.Authorization.FirstOrDefault();
        Requests.Enqueue(new Received(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", authorization, body));
        var bearer = authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? authorization["Bearer ".Length..] : null;
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        var result = segments switch
        {
            [Version, "oauth", "access_token"] when request.Method == "GET" =>
                Codes.TryGetValue(request.Query["code"].ToString(), out var token)
                    ? Results.Json(new JsonObject { ["access_token"] = token, ["token_type"] = "bearer" })
                    : Error(400, 100, "Invalid verification code format. <script>alert(1)</script>"),
            [Version, "debug_token"] =>
                Grants.TryGetValue(request.Query["input_token"].ToString(), out var wabas)
                    ? Results.Json(new JsonObject
                    {
                        ["data"] = new JsonObject
                        {
                            ["is_valid"] = true,
                            ["granular_scopes"] = new JsonArray(
                                new JsonObject { ["scope"] = "whatsapp_business_management", ["target_ids"] = new JsonArray(wabas.Select(w => (JsonNode)w).ToArray()) },
                                new JsonObject { ["scope"] = "business_management" }),
                        },
                    })
                    : Error(400, 190, "Invalid OAuth access token."),
            [Version, var waba, "phone_numbers"] =>
                Numbers.TryGetValue(waba, out var numbers) && bearer is not null && Owned.TryGetValue(bearer, out var granted) && granted.Contains(waba)
                    ? Results.Json(new JsonObject
                    {
                        ["data"] = new JsonArray(numbers.Select(p => (JsonNode)new JsonObject
                        {
                            ["id"] = p.Id, ["display_phone_number"] = p.Phone, ["verified_name"] = p.Name, ["quality_rating"] = "GREEN",
                        }).ToArray()),
                    })
                    : Error(403, 200, "Permissions error"),
            [Version, var waba, "subscribed_apps"] when request.Method == "POST" =>
                bearer is not null && Owned.TryGetValue(bearer, out var owner) && owner.Contains(waba)
                    ? Results.Json(new JsonObject { ["success"] = true })
                    : Error(403, 200, "Permissions error"),
            [Version, _, "messages"] when request.Method == "POST" => Send(),
            _ => Error(404, 803, "Unknown path"),
        };
        await result.ExecuteAsync(context);
    }

    private IResult Send()
    {
        if (SendAnswers.TryDequeue(out var scripted))
        {
            return Results.Text(scripted.Body, "application/json", statusCode: scripted.Status);
        }

        var id = $"wamid.HBgL{Interlocked.Increment(ref _messages):D6}{Guid.NewGuid():N}";
        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = "+15550001", ["wa_id"] = "15550001" }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = id, ["message_status"] = "accepted" }),
        });
    }
}
