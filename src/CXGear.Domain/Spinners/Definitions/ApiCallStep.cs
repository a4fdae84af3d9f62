using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// An outbound HTTP call. <see cref="Url"/>, <see cref="Body"/> and header values are templates; the URL's scheme and
/// host are fixed at save time (no template there), so the allow-list decision cannot depend on a row's data.
/// </summary>
public sealed class ApiCallStep : SpinnerStep
{
    public static IReadOnlyList<string> Methods { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    internal ApiCallStep(string id, string? next, string method, string url, string? body, IReadOnlyDictionary<string, string> headers, string saveAs)
        : base(id, next)
    {
        Method = method;
        Url = url;
        Body = body;
        Headers = headers;
        SaveAs = saveAs;
        VaultLabels = headers.Values.Append(body ?? string.Empty).SelectMany(Templates.VaultLabels).Distinct(StringComparer.Ordinal).ToList();
    }

    public override string Type => StepTypes.ApiCall;

    /// <summary>Upper case, one of <see cref="Methods"/>.</summary>
    public string Method { get; }

    public string Url { get; }

    /// <summary>
    /// The URL with every template filled by a placeholder: its scheme, host and port are the call's (templates may
    /// fill only the path and query), so the destination can be judged when the definition is saved.
    /// </summary>
    public Uri Destination => new(ApiCallReader.WithoutTemplates(Url));

    public string? Body { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The output key that receives <c>{status, body}</c>.</summary>
    public string SaveAs { get; }

    /// <summary>The vault labels the headers and body read; only these are decrypted, only while this step runs.</summary>
    public IReadOnlyList<string> VaultLabels { get; }

    /// <summary>This step as reads show it: a literal credential in a header becomes <see cref="CredentialHeaders.Mask"/>.</summary>
    internal ApiCallStep WithCredentialsMasked()
    {
        var headers = Headers.ToDictionary(h => h.Key, h => CredentialHeaders.Masked(h.Key, h.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiCallStep(Id, Next, Method, Url, Body, headers, SaveAs);
    }

    private protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("method", Method);
        writer.WriteString("url", Url);
        if (Body is not null)
        {
            writer.WriteString("body", Body);
        }

        if (Headers.Count > 0)
        {
            writer.WriteStartObject("headers");
            foreach (var (name, value) in Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteString("saveAs", SaveAs);
    }
}
