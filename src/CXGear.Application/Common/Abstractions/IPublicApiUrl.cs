namespace CXGear.Application.Common.Abstractions;

/// <summary>The public base URL of this API (<c>PUBLIC_API_URL</c>, else the request's own scheme and host), no trailing slash.</summary>
public interface IPublicApiUrl
{
    string BaseUrl { get; }

    /// <summary>
    /// The base of URLs a third party sends a browser or its events back to (OAuth callbacks): <c>PUBLIC_API_URL</c>;
    /// outside Production, failing that, <see cref="BaseUrl"/>. Null in Production without the setting, where the
    /// Host header a client sent must not decide where a provider delivers an authorization code.
    /// </summary>
    string? CallbackBaseUrl { get; }
}
