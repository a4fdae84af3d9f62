using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Application.Spinners.Runtime.Secrets;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>
/// Renders and sends an api_call, then stores <c>{status, body}</c> (plus <c>truncated: true</c> when the body was cut)
/// under <c>output.&lt;saveAs&gt;</c>. A JSON response body is stored as JSON so later steps can read
/// <c>{{output.x.body.id}}</c>. Any status outside 2xx (after the retries), a refusal or a transport failure fails
/// the record: an API error should show as a failed record, not pass as a success. Vault values fill headers and the
/// body only; they are decrypted when this step starts, and a response that echoes one is scrubbed before it is saved,
/// so no later step can read it back.
/// </summary>
internal static class ApiCallStepRunner
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<StepResult> RunAsync(ApiCallStep step, RecordState state, IOutboundHttp http, CancellationToken cancellationToken)
    {
        // Values go into the URL escaped as data, so a row cannot add path segments or query parameters.
        var url = TemplateRenderer.Render(step.Url, state, Uri.EscapeDataString);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return StepResult.Fail("api_failed", "The rendered URL is not a valid absolute URL.");
        }

        IReadOnlyDictionary<string, string>? secrets = null;
        if (step.VaultLabels.Count > 0)
        {
            var (values, missing) = await state.Secrets.RevealAsync(step.VaultLabels, cancellationToken);
            if (missing.Count > 0)
            {
                return StepResult.Fail("vault_missing", RecordSecrets.MissingError(missing));
            }

            secrets = values;
        }

        var target = $"{step.Method} {uri.GetLeftPart(UriPartial.Path)}";
        var request = new OutboundRequest(step.Method, uri, RenderBody(step.Body, state, secrets), RenderHeaders(step, state, secrets));
        OutboundResponse response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (OutboundRefusedException refused)
        {
            return StepResult.Fail("api_refused", $"{target}: {refused.Message}");
        }
        catch (OutboundFailedException failed)
        {
            return StepResult.Fail("api_failed", $"{target}: {failed.Message}");
        }

        state.Outputs[step.SaveAs] = Saved(response with { Body = state.Secrets.Scrub(response.Body) });
        var message = string.Create(CultureInfo.InvariantCulture, $"{target} → {response.Status}");
        return response.IsSuccess
            ? StepResult.Done("api_completed", message, step.Next)
            : StepResult.Fail("api_failed", message);
    }

    /// <summary>
    /// A body that looks like JSON gets each value JSON-string-escaped, so a quote in a row's field cannot end the
    /// string it sits in and inject members. Other bodies get values as they are.
    /// </summary>
    private static string? RenderBody(string? body, RecordState state, IReadOnlyDictionary<string, string>? secrets)
    {
        if (body is null)
        {
            return null;
        }

        var trimmed = body.TrimStart();
        var looksLikeJson = trimmed.StartsWith('{') || trimmed.StartsWith('[');
        return looksLikeJson ? TemplateRenderer.Render(body, state, JsonStringContent, secrets) : TemplateRenderer.Render(body, state, secrets: secrets);
    }

    private static string JsonStringContent(string value)
    {
        var quoted = JsonSerializer.Serialize(value, JsonEscaping.Options);
        return quoted[1..^1];
    }

    private static Dictionary<string, string> RenderHeaders(ApiCallStep step, RecordState state, IReadOnlyDictionary<string, string>? secrets)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in step.Headers)
        {
            // Line breaks in a header value would start a new header; a row's data must not do that.
            headers[name] = TemplateRenderer.Render(value, state, secrets: secrets).ReplaceLineEndings(" ");
        }

        // The same key on every retry and on a re-run after a crash, so a receiver that honours it does the work once.
        headers.TryAdd(IdempotencyHeader, $"{state.Context.JobId:N}-{state.Context.RecordId:N}-{step.Id}");
        return headers;
    }

    private static JsonObject Saved(OutboundResponse response)
    {
        JsonNode? body = response.Body;
        if (!response.Truncated && response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                body = JsonNode.Parse(response.Body) ?? body;
            }
            catch (JsonException)
            {
                // Not JSON after all: keep the text.
            }
        }

        var saved = new JsonObject { ["status"] = response.Status, ["body"] = body };
        if (response.Truncated)
        {
            saved["truncated"] = true;
        }

        return saved;
    }

    private static class JsonEscaping
    {
        public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
