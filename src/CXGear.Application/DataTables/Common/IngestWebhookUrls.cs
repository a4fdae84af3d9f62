using CXGear.Application.Common.Abstractions;

namespace CXGear.Application.DataTables.Common;

/// <summary>
/// The webhook URL is <c>{PUBLIC_API_URL}/api/v1/public/data-tables/ingest/{token}</c>. Outside the rotate response
/// the token is unknown (only its hash is kept), so reads show the URL with the literal <c>{token}</c> placeholder:
/// a URL that cannot be mistaken for a working one.
/// </summary>
public static class IngestWebhookUrls
{
    public const string Path = "/api/v1/public/data-tables/ingest/";
    public const string Placeholder = "{token}";
    public const string Template = Path + Placeholder;

    public static string For(IPublicApiUrl publicUrl, string token) => publicUrl.BaseUrl + Path + Uri.EscapeDataString(token);

    public static string TemplateFor(IPublicApiUrl publicUrl) => publicUrl.BaseUrl + Template;
}
