using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Application.Channels.Common;
using CXGear.Domain.Channels;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CXGear.Infrastructure.Channels;

/// <summary>
/// Meta's Graph API over a typed HttpClient whose handler chain holds the runtime's outbound resilience pipeline
/// (retries of 5xx, 408, 429 and network errors). Tokens travel in the <c>Authorization</c> header where Graph
/// accepts it; the two calls that need secrets in the query (the code exchange, the token inspection) are never
/// logged by the client (its loggers are removed) and traces keep only the destination's host.
/// </summary>
internal sealed class WhatsAppGraphClient(HttpClient http, IOptions<WhatsAppOptions> options) : IWhatsAppGraph
{
    /// <summary>A Graph answer bigger than this is not one we asked for.</summary>
    private const int MaxResponseBytes = 256 * 1024;

    private WhatsAppOptions Settings => options.Value;

    private string Base => Settings.GraphBaseUrl.TrimEnd('/');

    public async Task<string> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        var url = $"{Base}/oauth/access_token?client_id={Escape(Settings.AppId)}&client_secret={Escape(Settings.AppSecret)}"
            + $"&redirect_uri={Escape(redirectUri)}&code={Escape(code)}";
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        return answer["access_token"]?.GetValue<string>() is { Length: > 0 } token
            ? token
            : throw new WhatsAppGraphException(200, null, "The code exchange returned no access token.");
    }

    public async Task<IReadOnlyList<string>> ListBusinessAccountIdsAsync(string accessToken, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/debug_token?input_token={Escape(accessToken)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"{Settings.AppId}|{Settings.AppSecret}");
        var answer = await SendAsync(request, cancellationToken);
        var ids = new List<string>();
        foreach (var grant in answer["data"]?["granular_scopes"]?.AsArray() ?? [])
        {
            if (grant?["scope"]?.GetValue<string>() is "whatsapp_business_management" or "whatsapp_business_messaging")
            {
                ids.AddRange((grant["target_ids"]?.AsArray() ?? []).Select(Text).OfType<string>());
            }
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<WhatsAppNumber>> ListPhoneNumbersAsync(string wabaId, string accessToken, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/{Escape(wabaId)}/phone_numbers?fields=id,display_phone_number,verified_name");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var answer = await SendAsync(request, cancellationToken);
        return (answer["data"]?.AsArray() ?? [])
            .Select(n => (Id: Text(n?["id"]), Phone: Text(n?["display_phone_number"]), Name: Text(n?["verified_name"])))
            .Where(n => n.Id is not null && n.Phone is not null)
            .Select(n => new WhatsAppNumber(n.Id!, n.Phone!, n.Name))
            .ToList();
    }

    public async Task SubscribeAppAsync(string wabaId, string accessToken, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{Escape(wabaId)}/subscribed_apps");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var answer = await SendAsync(request, cancellationToken);
        if (answer["success"]?.GetValue<bool>() != true)
        {
            throw new WhatsAppGraphException(200, null, "The webhook subscription was not confirmed.");
        }
    }

    public async Task<string> SendTemplateAsync(string phoneNumberId, string accessToken, WhatsAppTemplateMessage message, CancellationToken cancellationToken)
    {
        var template = new JsonObject
        {
            ["name"] = message.TemplateName,
            ["language"] = new JsonObject { ["code"] = message.Language },
        };
        if (message.Parameters.Count > 0)
        {
            var parameters = new JsonArray(message.Parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p }).ToArray());
            template["components"] = new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = parameters });
        }

        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = message.To,
            ["type"] = "template",
            ["template"] = template,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{Escape(phoneNumberId)}/messages") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var answer = await SendAsync(request, cancellationToken);
        return Text(answer["messages"]?[0]?["id"]) is { Length: > 0 } id
            ? id
            : throw new WhatsAppGraphException(200, null, "The send returned no message id.");
    }

    private async Task<JsonNode> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                throw new WhatsAppGraphException(null, null, $"No response from the Graph API ({exception.HttpRequestError}).");
            }
            catch (TimeoutRejectedException)
            {
                throw new WhatsAppGraphException(null, null, "No response from the Graph API within the time limit.");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WhatsAppGraphException(null, null, "No response from the Graph API within the time limit.");
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var json = await ReadAsync(response, cancellationToken);
                if (response.IsSuccessStatusCode && json is not null)
                {
                    return json;
                }

                var error = json?["error"];
                var code = error?["code"] is { } number ? Text(number) : null;
                var text = Text(error?["message"]) ?? $"The Graph API answered {status}.";
                throw new WhatsAppGraphException(status, code, text.Length > WhatsAppGraphException.MaxMessageLength ? text[..WhatsAppGraphException.MaxMessageLength] + "…" : text);
            }
        }
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes + 1];
        var read = 0;
        int last;
        while (read < buffer.Length && (last = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += last;
        }

        if (read > MaxResponseBytes)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(buffer.AsSpan(0, read));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Ids and codes come as strings or numbers depending on the endpoint.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string Escape(string? value) => Uri.EscapeDataString(value ?? string.Empty);
}
