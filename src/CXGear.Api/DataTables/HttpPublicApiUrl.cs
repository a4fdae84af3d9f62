using CXGear.Application.Common.Abstractions;

namespace CXGear.Api.DataTables;

/// <summary><c>PUBLIC_API_URL</c> (or <c>PublicApiUrl</c>) when set; else the scheme and host this request came to (docs/api.md#configuration).</summary>
internal sealed class HttpPublicApiUrl(IConfiguration configuration, IHttpContextAccessor accessor) : IPublicApiUrl
{
    public string BaseUrl
    {
        get
        {
            var configured = configuration["PUBLIC_API_URL"] ?? configuration["PublicApiUrl"];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured.Trim().TrimEnd('/');
            }

            var request = accessor.HttpContext?.Request;
            return request is null ? "http://localhost:3000" : $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        }
    }
}
