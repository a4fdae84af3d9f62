using CXGear.Application.Common.Abstractions;

namespace CXGear.Api.DataTables;

/// <summary><c>PUBLIC_API_URL</c> (or <c>PublicApiUrl</c>) when set; else the scheme and host this request came to (docs/api.md#configuration).</summary>
internal sealed class HttpPublicApiUrl(IConfiguration configuration, IHttpContextAccessor accessor, IHostEnvironment environment) : IPublicApiUrl
{
    public string BaseUrl => Configured ?? FromRequest;

    public string? CallbackBaseUrl => Configured ?? (environment.IsProduction() ? null : FromRequest);

    private string? Configured
    {
        get
        {
            var configured = configuration["PUBLIC_API_URL"] ?? configuration["PublicApiUrl"];
            return string.IsNullOrWhiteSpace(configured) ? null : configured.Trim().TrimEnd('/');
        }
    }

    private string FromRequest
    {
        get
        {
            var request = accessor.HttpContext?.Request;
            return request is null ? "http://localhost:3000" : $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        }
    }
}
