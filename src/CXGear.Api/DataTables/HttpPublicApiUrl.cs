using CXGear.Application.Common.Abstractions;
using Microsoft.Extensions.Options;

namespace CXGear.Api.DataTables;

/// <summary>
/// <c>PUBLIC_API_URL</c> (or <c>PublicApiUrl</c>) when set, which Production requires (<see cref="PublicApiUrlValidation"/>);
/// elsewhere, without it, the scheme and host this request came to (docs/api.md#configuration).
/// </summary>
internal sealed class HttpPublicApiUrl(IOptions<PublicApiUrlOptions> options, IHttpContextAccessor accessor, IHostEnvironment environment) : IPublicApiUrl
{
    public string BaseUrl => options.Value.BaseUrl ?? FromRequest;

    public string? CallbackBaseUrl => options.Value.BaseUrl ?? (environment.IsProduction() ? null : FromRequest);

    private string FromRequest
    {
        get
        {
            var request = accessor.HttpContext?.Request;
            return request is null ? "http://localhost:3000" : $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        }
    }
}
