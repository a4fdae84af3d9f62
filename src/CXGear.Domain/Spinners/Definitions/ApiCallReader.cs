using System.Text.Json;
using System.Text.RegularExpressions;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Reads an <c>api_call</c> step: method, absolute http(s) URL, optional body and headers, and <c>saveAs</c>.</summary>
internal static partial class ApiCallReader
{
    /// <summary>Headers the HTTP stack owns; letting a definition set them would allow request smuggling or virtual-host tricks.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "Expect", "TE", "Trailer", "Proxy-Authorization", "Proxy-Connection",
    };

    public static ApiCallStep? Read(JsonObjectReader reader, string? id, string? next)
    {
        var method = reader.RequiredString("method", DefinitionLimits.MaxShortTextLength)?.ToUpperInvariant();
        if (method is not null && !ApiCallStep.Methods.Contains(method, StringComparer.Ordinal))
        {
            reader.Error("method", $"'method' is one of {string.Join(", ", ApiCallStep.Methods)}.");
        }

        var url = reader.RequiredString("url", DefinitionLimits.MaxUrlLength);
        if (url is not null)
        {
            CheckUrl(reader, url);
        }

        var body = reader.OptionalString("body", DefinitionLimits.MaxTextLength);
        if (body is not null && method is "GET" or "DELETE")
        {
            reader.Error("body", $"A {method} call takes no body.");
        }

        var headers = ReadHeaders(reader);
        var saveAs = ReadSaveAs(reader);
        return new ApiCallStep(id!, next, method!, url!, body, headers, saveAs!);
    }

    /// <summary>The output key a step saves its answer under (api_call, send_whatsapp): one rule for both.</summary>
    public static string? ReadSaveAs(JsonObjectReader reader)
    {
        var saveAs = reader.RequiredString("saveAs", DefinitionLimits.MaxIdLength);
        if (saveAs is not null && (!OutputKey.IsWellFormed(saveAs) || OutputKey.IsReservedFor(saveAs, StepTypes.ApiCall)))
        {
            reader.Error("saveAs", "'saveAs' is an output key of letters, digits and '_' (not starting with a digit), other than disposition and ai_response.");
        }

        return saveAs;
    }

    /// <summary>
    /// Templates may fill the path and query but not the scheme or host: the allow-list then judges the host a
    /// reviewer saw in the definition, never one a row's data chose.
    /// </summary>
    private static void CheckUrl(JsonObjectReader reader, string url)
    {
        var probe = WithoutTemplates(url);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            reader.Error("url", "'url' must be an absolute http or https URL.");
            return;
        }

        var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        if (Templates.HasPlaceholders(authority) || Templates.HasPlaceholders(url[..authorityStart]))
        {
            reader.Error("url", "The URL's scheme and host must be written out; templates may fill only the path and query.");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            reader.Error("url", "Credentials in the URL are not allowed; send them in a header.");
        }
    }

    internal static string WithoutTemplates(string url) => Templates.Placeholder().Replace(url, "x");

    private static Dictionary<string, string> ReadHeaders(JsonObjectReader reader)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var json = reader.Member("headers");
        if (json is null)
        {
            return headers;
        }

        if (json.Value.ValueKind != JsonValueKind.Object)
        {
            reader.Error("headers", "'headers' must be an object of header name to string value.");
            return headers;
        }

        foreach (var header in json.Value.EnumerateObject())
        {
            var path = $"headers.{header.Name}";
            if (!HeaderNamePattern().IsMatch(header.Name) || ReservedHeaders.Contains(header.Name))
            {
                reader.Error(path, $"'{header.Name}' is not a header a spinner may set.");
            }
            else if (header.Value.ValueKind != JsonValueKind.String || header.Value.GetString()!.Length > DefinitionLimits.MaxHeaderValueLength)
            {
                reader.Error(path, $"A header value is a string of at most {DefinitionLimits.MaxHeaderValueLength} characters.");
            }
            else if (!headers.TryAdd(header.Name, header.Value.GetString()!))
            {
                reader.Error(path, $"Header '{header.Name}' is given twice.");
            }
        }

        if (headers.Count > DefinitionLimits.MaxHeaders)
        {
            reader.Error("headers", $"At most {DefinitionLimits.MaxHeaders} headers.");
        }

        return headers;
    }

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderNamePattern();
}
