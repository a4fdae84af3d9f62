namespace CXGear.Application.Common.Abstractions;

/// <summary>The public base URL of this API (<c>PUBLIC_API_URL</c>, else the request's own scheme and host), no trailing slash.</summary>
public interface IPublicApiUrl
{
    string BaseUrl { get; }
}
